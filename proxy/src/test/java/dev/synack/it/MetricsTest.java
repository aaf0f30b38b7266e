package dev.synack.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.synack.app.Synack;
import dev.synack.config.FaultSpec;
import dev.synack.config.FaultStream;
import dev.synack.config.HostPort;
import dev.synack.config.TriggerSpec;
import dev.synack.config.MetricsSpec;
import dev.synack.config.ProxySpec;
import dev.synack.net.Transport;
import dev.synack.fault.LatencyBudget;
import dev.synack.observe.Metric;
import dev.synack.testkit.EachTransport;
import dev.synack.testkit.EchoServer;
import dev.synack.testkit.Ending;
import dev.synack.testkit.RefusedPort;
import dev.synack.testkit.TestConfigs;
import dev.synack.testkit.TestSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Timeout;

/**
 * A scripted scenario, then one scrape: every declared metric is there, and each value is what the
 * scenario did — connections accepted, closed by reason, rejected at the limit, connect attempts by
 * outcome, bytes each way, the tcp_info histograms of each socket's end, Toxiproxy's byte counters.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MetricsTest {
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})? (\\S+)$");

    @EachTransport
    void oneScrapeAfterAScriptedScenario(Transport transport) throws Exception {
        try (EchoServer echo = EchoServer.start()) {
            // a fault that changes nothing (latency 0) but is applied on each connection's downstream
            TestConfigs base = TestConfigs.proxy(transport, echo.hostPort()).withMaxConnections(1).withAttempts(2)
                    .withFaults(List.of(new FaultSpec(null, "latency", FaultStream.DOWNSTREAM, 1.0, List.of(), TriggerSpec.NONE,
                            Map.of("latency", 0L))));
            ProxySpec live = base.spec();
            ProxySpec dead = TestConfigs.proxy(transport, RefusedPort.find()).withAttempts(2).spec().withName("dead");
            try (Synack synack = Synack.start(base.config().withProxies(List.of(live, dead))
                    .withMetrics(new MetricsSpec(true, true, 1)), List.of())) {
                InetSocketAddress it = synack.address(TestConfigs.PROXY);

                // 1. a normal exchange, closed by the client: 5 bytes each way
                try (TestSocket a = TestSocket.connect(it)) {
                    assertThat(a.roundTrip("hello")).isEqualTo("hello");
                    a.shutdownOutput();
                    assertThat(a.readToEnd().ending()).isEqualTo(Ending.EOF);
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> synack.activeSessions(TestConfigs.PROXY) == 0);

                // 2. a client resets: 3 bytes each way, then an RST
                TestSocket b = TestSocket.connect(it);
                assertThat(b.roundTrip("abc")).isEqualTo("abc");
                // 3. over max_connections (1) while b is open: reset at accept
                try (TestSocket over = TestSocket.bound("127.0.0.1")) {
                    assertThat(CompletableFuture.supplyAsync(() -> over.connectAndReadToEnd(it)).get(10, TimeUnit.SECONDS).ending())
                            .isEqualTo(Ending.RESET);
                }
                b.reset();
                await().atMost(Duration.ofSeconds(10)).until(() -> synack.activeSessions(TestConfigs.PROXY) == 0);

                // 4. an upstream that refuses: two connects, both refused
                try (TestSocket c = TestSocket.bound("127.0.0.1")) {
                    CompletableFuture.supplyAsync(() -> c.connectAndReadToEnd(synack.address("dead"))).get(10, TimeUnit.SECONDS);
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> synack.activeSessions("dead") == 0);

                Map<String, Double> m = parse(synack.scrape().orElseThrow());
                for (Metric metric : Metric.values()) {
                    String name = metric.prometheusName();
                    boolean present = m.keySet().stream().anyMatch(k -> k.equals(name) || k.startsWith(name + "{") || k.startsWith(name + "_"));
                    // the mirror's metrics exist only while the mirror runs (off here; MirrorMetricsTest has them)
                    assertThat(present).as("%s is in the scrape", name).isEqualTo(!metric.needsMirror());
                }
                assertThat(m).containsEntry("synack_connections_accepted_total{proxy=\"it\"}", 2.0)
                        .containsEntry("synack_connections_accepted_total{proxy=\"dead\"}", 1.0)
                        .containsEntry("synack_connections_active{proxy=\"it\"}", 0.0)
                        .containsEntry("synack_connections_closed_total{proxy=\"it\",reason=\"client_fin\"}", 1.0)
                        .containsEntry("synack_connections_closed_total{proxy=\"it\",reason=\"client_rst\"}", 1.0)
                        .containsEntry("synack_connections_closed_total{proxy=\"it\",reason=\"service_fin\"}", 0.0)
                        .containsEntry("synack_connections_closed_total{proxy=\"dead\",reason=\"upstream_unreachable\"}", 1.0)
                        .containsEntry("synack_connections_rejected_total{proxy=\"it\",reason=\"limit\"}", 1.0)
                        .containsEntry("synack_upstream_connect_attempts_total{outcome=\"ok\",proxy=\"it\"}", 2.0)
                        .containsEntry("synack_upstream_connect_attempts_total{outcome=\"refused\",proxy=\"dead\"}", 2.0)
                        .containsEntry("synack_upstream_connect_seconds_count{proxy=\"it\"}", 2.0)
                        .containsEntry("synack_bytes_total{direction=\"client_to_service\",proxy=\"it\"}", 8.0)
                        .containsEntry("synack_bytes_total{direction=\"service_to_client\",proxy=\"it\"}", 8.0)
                        .containsEntry("synack_faults_applied_total{proxy=\"it\",type=\"latency\"}", 2.0)
                        .containsEntry("synack_fault_latency_budget_bytes", (double) LatencyBudget.shared().capacity());
                // tcp_info at each socket's end: a's and b's two sockets, the dead proxy's client socket; NIO has none
                double each = transport.isNative() ? 1.0 : 0.0;
                for (String metric : List.of("synack_tcp_rtt_seconds_count", "synack_tcp_retransmits_count")) {
                    assertThat(m).containsEntry(metric + "{proxy=\"it\",side=\"downstream\"}", 2 * each)
                            .containsEntry(metric + "{proxy=\"it\",side=\"upstream\"}", 2 * each)
                            .containsEntry(metric + "{proxy=\"dead\",side=\"downstream\"}", each)
                            .containsEntry(metric + "{proxy=\"dead\",side=\"upstream\"}", 0.0);
                }
                assertThat(m.get("synack_tcp_rtt_seconds_sum{proxy=\"it\",side=\"upstream\"}") > 0).isEqualTo(transport.isNative());
                assertThat(m).as("no retransmission on loopback")
                        .containsEntry("synack_tcp_retransmits_sum{proxy=\"it\",side=\"downstream\"}", 0.0)
                        .containsEntry("synack_tcp_retransmits_sum{proxy=\"it\",side=\"upstream\"}", 0.0);
                String upstream = "127.0.0.1:" + echo.address().getPort();
                String listener = "127.0.0.1:" + it.getPort();
                assertThat(m).containsEntry("toxiproxy_proxy_sent_bytes_total{direction=\"upstream\",listener=\"" + listener
                        + "\",proxy=\"it\",upstream=\"" + upstream + "\"}", 8.0);
                assertThat(m).containsEntry("toxiproxy_proxy_received_bytes_total{direction=\"downstream\",listener=\"" + listener
                        + "\",proxy=\"it\",upstream=\"" + upstream + "\"}", 8.0);
            }
        }
    }

    /** Prometheus's text format as a map from {@code name{labels}} to value; labels in the order printed. */
    static Map<String, Double> parse(String text) {
        Map<String, Double> samples = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            Matcher mm = SAMPLE.matcher(line);
            if (mm.matches()) {
                samples.put(mm.group(1) + (mm.group(2) == null ? "" : mm.group(2)), Double.parseDouble(mm.group(3)));
            }
        }
        return samples;
    }
}
