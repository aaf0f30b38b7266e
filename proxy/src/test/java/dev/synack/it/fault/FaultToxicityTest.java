package dev.synack.it.fault;

import static dev.synack.testkit.FaultSpecs.toxic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.config.FaultStream;
import dev.synack.net.Transport;
import dev.synack.net.TransportChoice;
import dev.synack.observe.CloseReason;
import dev.synack.testkit.Ending;
import dev.synack.testkit.EventsOnFailure;
import dev.synack.testkit.RecordingObserver;
import dev.synack.testkit.RecordingObserver.Kind;
import dev.synack.testkit.RefusedPort;
import dev.synack.testkit.RunningProxy;
import dev.synack.testkit.TestConfigs;
import dev.synack.testkit.TestSocket;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Toxicity through synack, over many connections: a {@code refuse} fault of toxicity 0.3 refuses a share
 * of 1000 connections within binomial bounds, and each refusal is counted by the metrics; two synacks with
 * the same {@code seed}, given the same connections in the same order, refuse the same ones (another seed,
 * others). The draws do not depend on the transport: this runs on the first available one.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@ExtendWith(EventsOnFailure.class)
class FaultToxicityTest {
    private static final double TOXICITY = 0.3;

    @Test
    void aToxicityOfPointThreeRefusesWithinBinomialBounds() throws Exception {
        int n = 1000;
        try (RunningProxy proxy = RunningProxy.start(config())) {
            TreeSet<Integer> refused = refusedAmong(proxy, n);
            // mean 300, standard deviation sqrt(n p (1 - p)) = 14.5: five of them either way
            double sd = Math.sqrt(n * TOXICITY * (1 - TOXICITY));
            assertThat((double) refused.size()).as("connections refused of %d (seed %d)", n, proxy.synack().seed())
                    .isBetween(n * TOXICITY - 5 * sd, n * TOXICITY + 5 * sd);
            String scrape = proxy.synack().scrape().orElseThrow();
            assertThat(sample(scrape, "synack_faults_applied_total\\{proxy=\"it\",type=\"refuse\"}")).isEqualTo(refused.size());
            assertThat(sample(scrape, "synack_connections_rejected_total\\{proxy=\"it\",reason=\"fault\"}")).isEqualTo(refused.size());
        }
    }

    @Test
    void theSameSeedRefusesTheSameConnections() throws Exception {
        int n = 200;
        TreeSet<Integer> first;
        TreeSet<Integer> second;
        TreeSet<Integer> other;
        try (RunningProxy proxy = RunningProxy.start(config().withSeed(42L))) {
            first = refusedAmong(proxy, n);
        }
        try (RunningProxy proxy = RunningProxy.start(config().withSeed(42L))) {
            second = refusedAmong(proxy, n);
        }
        try (RunningProxy proxy = RunningProxy.start(config().withSeed(43L))) {
            other = refusedAmong(proxy, n);
        }
        assertThat(first).as("refused connection numbers, seed 42").isNotEmpty().isEqualTo(second);
        assertThat(other).as("seed 43").isNotEqualTo(first);
    }

    private static TestConfigs config() throws Exception {
        // Connections the fault spares meet a refused upstream and are reset too: each is cheap.
        Transport first = TransportChoice.available().get(0);
        return TestConfigs.proxy(first, RefusedPort.find())
                .withFaults(List.of(toxic("refuse", FaultStream.DOWNSTREAM, TOXICITY, Map.of())));
    }

    /**
     * Makes {@code n} connections one after the other, each ended (by synack's RST) and recorded before
     * the next begins, so the accept order is the client's; returns the numbers (0-based) of those the
     * fault refused.
     */
    private static TreeSet<Integer> refusedAmong(RunningProxy proxy, int n) throws Exception {
        RecordingObserver o = proxy.observer();
        TreeSet<Integer> refused = new TreeSet<>();
        int rejectedSoFar = 0;
        for (int i = 0; i < n; i++) {
            try (TestSocket s = TestSocket.bound("127.0.0.1")) {
                assertThat(s.connectAndReadToEnd(proxy.address()).ending()).isEqualTo(Ending.RESET);
            }
            int done = i + 1;
            int rejected = o.await("connection " + i + " recorded", () -> {
                int r = o.events(Kind.REJECTED).size();
                return r + o.summaries().size() == done ? Optional.of(r) : Optional.empty();
            });
            if (rejected > rejectedSoFar) {
                refused.add(i);
                rejectedSoFar = rejected;
            }
        }
        assertThat(o.events(Kind.REJECTED)).allMatch(e -> e.reason() == CloseReason.FAULT);
        assertThat(o.summaries()).allMatch(s -> s.reason() == CloseReason.UPSTREAM_UNREACHABLE);
        assertThat(o.faultsApplied("refuse")).hasSize(refused.size());
        return refused;
    }

    private static long sample(String scrape, String nameAndLabels) {
        Matcher m = Pattern.compile("(?m)^" + nameAndLabels + " (\\S+)$").matcher(scrape);
        assertThat(m.find()).as("%s in the scrape", nameAndLabels).isTrue();
        return (long) Double.parseDouble(m.group(1));
    }
}
