package dev.synack.fault.builtin;

import static dev.synack.fault.FaultBench.fault;
import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.fault.FaultBench;
import dev.synack.fault.FaultBench.Event;
import dev.synack.fault.LatencyBudget;
import dev.synack.fault.StreamEnd;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code latency} in virtual time: per-chunk delay from arrival, pipelining, jitter, FIN, stacking, live changes. */
class LatencyHandlerTest {
    private static Map<String, Long> latency(long ms, long jitter) {
        return Map.of("latency", ms, "jitter", jitter);
    }

    @Test
    void eachChunkIsDelayedFromItsArrival() {
        FaultBench b = new FaultBench().add(fault("latency", latency(100, 0)));
        b.write("a");
        b.advanceMillis(30);
        b.write("b");
        b.advanceMillis(69);
        assertThat(b.events).isEmpty();
        b.advanceMillis(1);
        assertThat(b.events).extracting(Event::millis).containsExactly(100L);
        b.advanceMillis(30);
        assertThat(b.events).extracting(Event::millis).containsExactly(100L, 130L);
        assertThat(b.text()).isEqualTo("ab");
        assertThat(b.applied).hasSize(1);
    }

    @Test
    void aLongStreamPaysTheLatencyOnceNotPerChunk() {
        FaultBench b = new FaultBench().add(fault("latency", latency(100, 0)));
        for (int i = 0; i < 1000; i++) {
            b.write(new byte[1000]);
            b.advanceMillis(1);
        }
        b.advanceMillis(100);
        assertThat(b.bytes()).hasSize(1_000_000);
        assertThat(b.events.get(b.events.size() - 1).millis()).isEqualTo(1099L);
    }

    @Test
    void theFinLeavesRightBehindTheBytesItFollows() {
        FaultBench b = new FaultBench().add(fault("latency", latency(100, 0)));
        b.write("a");
        b.advanceMillis(10);
        b.fin();
        b.advanceMillis(90);
        assertThat(b.events).extracting(Event::toString).containsExactly("100ms:a", "100ms:FIN");
    }

    @Test
    void aFinAfterTheLastChunkLeftPassesAtOnce() {
        FaultBench b = new FaultBench().add(fault("latency", latency(100, 0)));
        b.write("a");
        b.advanceMillis(150);
        b.fin();
        assertThat(b.events).extracting(Event::toString).containsExactly("100ms:a", "150ms:FIN");
    }

    @Test
    void jitterStaysInToxiproxysRangeAndKeepsOrder() {
        FaultBench b = new FaultBench().add(fault("latency", latency(100, 20)));
        for (int i = 0; i < 200; i++) {
            b.write(new byte[] {(byte) i});
            b.advanceMillis(50);
        }
        b.advanceMillis(200);
        for (int i = 0; i < 200; i++) {
            long delay = b.events.get(i).millis() - 50L * i;
            assertThat(delay).isBetween(80L, 119L);
            assertThat(b.events.get(i).bytes()[0]).isEqualTo((byte) i);
        }
        assertThat(b.events.stream().mapToLong(e -> e.millis() - 50L * (e.bytes()[0] & 0xff)).distinct().count()).isGreaterThan(10);
    }

    @Test
    void stackedLatenciesAddUp() {
        FaultBench b = new FaultBench()
                .add(fault("first", "latency", dev.synack.config.FaultStream.DOWNSTREAM, 1, List.of(), dev.synack.config.TriggerSpec.NONE, latency(100, 0)))
                .add(fault("second", "latency", dev.synack.config.FaultStream.DOWNSTREAM, 1, List.of(), dev.synack.config.TriggerSpec.NONE, latency(50, 0)));
        b.write("a");
        b.advanceMillis(149);
        assertThat(b.events).isEmpty();
        b.advanceMillis(1);
        assertThat(b.events).extracting(Event::toString).containsExactly("150ms:a");
    }

    @Test
    void aResetPassesAtOnceAndDiscardsWhatIsHeld() {
        FaultBench b = new FaultBench().add(fault("latency", latency(100, 0)));
        b.write("abc");
        b.reset();
        assertThat(b.events).extracting(Event::toString).containsExactly("0ms:RESET");
        assertThat(b.discarded).isEqualTo(3);
        b.advanceMillis(200);
        assertThat(b.events).hasSize(1);
    }

    @Test
    void aFastStreamHoldsAllItNeedsWithNoWindowPerConnection() {
        // 1 MiB a ms through 80 ms holds 80 MiB: more than the 64 MiB a connection used to be allowed.
        LatencyBudget budget = new LatencyBudget(1L << 30);
        FaultBench b = new FaultBench().budget(budget).add(fault("latency", latency(80, 0)));
        long peak = 0;
        for (int i = 0; i < 90; i++) {
            byte[] mib = new byte[1 << 20];
            mib[0] = (byte) i;
            b.write(mib);
            peak = Math.max(peak, budget.held());
            b.advanceMillis(1);
        }
        assertThat(peak).isEqualTo(80L << 20);
        assertThat(b.writabilityChanges).as("never unwritable below the budget").isEmpty();
        b.advanceMillis(80);
        assertThat(b.events).hasSize(90);
        for (int i = 0; i < 90; i++) {
            assertThat(b.events.get(i).bytes()).hasSize(1 << 20).startsWith((byte) i);
            assertThat(b.events.get(i).millis()).isEqualTo(80L + i);
        }
        assertThat(budget.held()).isZero();
    }

    @Test
    void removingItPassesWhatItHoldsAtOnceInOrder() {
        FaultBench b = new FaultBench().add(fault("latency", latency(100, 0)));
        byte[] payload = Payloads.random(100_000, 1);
        Payloads.writeInChunks(b, payload, 1000, 1);
        b.fin();
        b.chain.remove("latency_downstream");
        b.settle();
        assertThat(b.bytes()).isEqualTo(payload);
        assertThat(b.ends()).containsExactly(StreamEnd.FIN);
        assertThat(b.faultHandlers()).isEmpty();
        b.write("x");
        assertThat(b.text()).endsWith("x");
    }

    @Test
    void anUpdateKeepsEveryChunkAndAppliesTheNewLatencyFromArrival() {
        FaultBench b = new FaultBench().add(fault("latency", latency(100, 0)));
        byte[] payload = Payloads.random(50_000, 2);
        Payloads.writeInChunks(b, payload, 1000, 1);
        // chunks arrived at 0..49 ms; now t = 50
        b.chain.update(fault("latency", latency(20, 0)));
        b.settle();
        assertThat(b.faultHandlers()).containsExactly("synack.fault.latency_downstream");
        b.advanceMillis(1);
        // due at arrival + 20: chunks of 0..31 ms are out at t = 51
        assertThat(b.bytes()).hasSize(32_000);
        b.write(new byte[] {1});
        b.advanceMillis(100);
        assertThat(java.util.Arrays.copyOf(b.bytes(), 50_000)).isEqualTo(payload);
        assertThat(b.bytes()).hasSize(50_001);
        assertThat(b.applied).hasSize(1);
    }
}
