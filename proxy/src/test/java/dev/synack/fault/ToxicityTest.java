package dev.synack.fault;

import static dev.synack.fault.FaultBench.fault;
import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.config.FaultStream;
import dev.synack.config.TriggerSpec;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * Toxicity: drawn once per connection and direction, within binomial bounds over many connections, and
 * the same seed with the same connection order gives the same decisions.
 */
class ToxicityTest {
    private static final int CONNECTIONS = 4000;

    /** Whether the fault acts on each of {@code n} connections, each with a generator split from one seeded one. */
    private static List<Boolean> decisions(long seed, double toxicity, int n) {
        SplittableRandom proxy = new SplittableRandom(seed);
        Fault f = fault("latency", FaultStream.DOWNSTREAM, toxicity, TriggerSpec.NONE, Map.of("latency", 10));
        List<Boolean> acts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            RandomGenerator connection = proxy.split();
            FaultChain chain = new FaultChain(context(connection));
            chain.add(f);
            acts.add(!chain.acting().isEmpty());
        }
        return acts;
    }

    @Test
    void theShareOfAffectedConnectionsIsWithinFourSigma() {
        for (double p : new double[] {0.05, 0.3, 0.5, 0.9}) {
            long hits = decisions(42, p, CONNECTIONS).stream().filter(b -> b).count();
            double sigma = Math.sqrt(CONNECTIONS * p * (1 - p));
            assertThat((double) hits).as("toxicity %s", p).isBetween(CONNECTIONS * p - 4 * sigma, CONNECTIONS * p + 4 * sigma);
        }
    }

    @Test
    void zeroNeverAndOneAlways() {
        assertThat(decisions(1, 0, 1000)).containsOnly(false);
        assertThat(decisions(1, 1, 1000)).containsOnly(true);
    }

    @Test
    void theSameSeedGivesTheSameDecisions() {
        assertThat(decisions(7, 0.5, 1000)).isEqualTo(decisions(7, 0.5, 1000));
        assertThat(decisions(7, 0.5, 1000)).isNotEqualTo(decisions(8, 0.5, 1000));
    }

    @Test
    void anUpdateDrawsAgain() {
        SplittableRandom r = new SplittableRandom(3);
        FaultChain chain = new FaultChain(context(r));
        Fault f = fault("latency", FaultStream.DOWNSTREAM, 0.5, TriggerSpec.NONE, Map.of("latency", 10));
        int changes = 0;
        boolean before = false;
        for (int i = 0; i < 1000; i++) {
            chain.update(f);
            boolean now = !chain.acting().isEmpty();
            changes += now != before ? 1 : 0;
            before = now;
        }
        assertThat(changes).isBetween(400, 600);
    }

    private static FaultContext context(RandomGenerator random) {
        return new FaultContext() {
            @Override public long connectionId() { return 1; }
            @Override public InetSocketAddress client() { return new InetSocketAddress("127.0.0.1", 1); }
            @Override public FaultStream stream() { return FaultStream.DOWNSTREAM; }
            @Override public dev.synack.time.Clock clock() { return dev.synack.time.Clock.SYSTEM; }
            @Override public RandomGenerator random() { return random; }
            @Override public void applied(Fault fault) {}
            @Override public void discarded(long bytes) {}
        };
    }
}
