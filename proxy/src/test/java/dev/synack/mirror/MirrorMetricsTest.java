package dev.synack.mirror;

import static dev.synack.mirror.model.LinuxTcpState.LISTEN;
import static dev.synack.observe.Side.UPSTREAM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.observe.Metric;
import dev.synack.observe.MetricsObserver;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

/**
 * The mirror's metrics through the metrics observer, scraped after scripted connections: sockets by side,
 * state and source, and divergences by kind, with the values the script implies.
 */
class MirrorMetricsTest {

    @Test
    void socketsByStateAndSourceAndDivergencesByKind() {
        Script s = MirrorEngineTest.closedInTimeWait();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        MetricsObserver metrics = new MetricsObserver(registry, false, 0, s.engine.queries().counts());
        metrics.accepted(s.c, 0);

        String scrape = registry.scrape();
        assertThat(scrape).contains(
                sockets("upstream", "TIME_WAIT", "mirror", 1), sockets("upstream", "TIME_WAIT", "kernel", 1),
                sockets("downstream", "CLOSED", "mirror", 1), sockets("downstream", "GONE", "kernel", 1),
                sockets("downstream", "ESTABLISHED", "mirror", 0), sockets("upstream", "GONE", "kernel", 0),
                "synack_divergences_total{kind=\"forbidden_state\",proxy=\"web\"} 0.0",
                "synack_divergences_total{kind=\"socket_gone_early\",proxy=\"web\"} 0.0");

        // the kernel forgets the TIME_WAIT after 1.5 s: taken over, a divergence; the tally is a second old by then
        s.kernel.gone(s.c, UPSTREAM);
        s.at(1_500).poll();
        assertThat(registry.scrape()).contains(sockets("upstream", "TIME_WAIT", "kernel", 0), sockets("upstream", "GONE", "kernel", 1),
                sockets("upstream", "CLOSED", "mirror", 1), "synack_divergences_total{kind=\"socket_gone_early\",proxy=\"web\"} 1.0");
    }

    @Test
    void aProxyWithOpenConnectionsCountsThemAndEveryKindOfDivergence() {
        Script s = MirrorEngineTest.established().loop();
        s.kernel(UPSTREAM, LISTEN).at(10).poll();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new MetricsObserver(registry, false, 0, s.engine.queries().counts()).accepted(s.c, 0);

        assertThat(registry.scrape()).contains(sockets("downstream", "ESTABLISHED", "mirror", 1),
                sockets("downstream", "ESTABLISHED", "kernel", 1), sockets("upstream", "LISTEN", "kernel", 1),
                "synack_divergences_total{kind=\"forbidden_state\",proxy=\"web\"} 1.0");
        assertThat(registry.find(Metric.DIVERGENCES.meterName()).meters()).hasSize(DivergenceKind.values().length);
        assertThat(registry.find(Metric.SOCKETS.meterName()).meters()).as("2 sides x (11 mirror states + 12 kernel labels)")
                .hasSize(2 * (11 + 12));
    }

    @Test
    void withoutTheMirrorNoMirrorMetricIsRegistered() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new MetricsObserver(registry, false, 0, null).accepted(new FakeConnection(1), 0);
        assertThat(registry.scrape()).contains("synack_connections_accepted_total").doesNotContain("synack_sockets")
                .doesNotContain("synack_divergences");
    }

    private static String sockets(String side, String state, String source, int n) {
        return "synack_sockets{proxy=\"web\",side=\"" + side + "\",source=\"" + source + "\",state=\"" + state + "\"} " + n + ".0";
    }
}
