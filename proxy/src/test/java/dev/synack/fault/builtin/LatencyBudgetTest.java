package dev.synack.fault.builtin;

import static dev.synack.fault.FaultBench.fault;
import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.fault.FaultBench;
import dev.synack.fault.LatencyBudget;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The budget {@code latency} faults share, in virtual time: what each connection holds is reported on every
 * path (due, reset, removal, update); connections competing for a spent budget turn unwritable above their
 * high water mark (64 KiB on the bench) and resume once they have let enough go, losing and reordering nothing.
 */
class LatencyBudgetTest {
    private static final int CHUNK = 48 * 1024;

    private static Map<String, Long> latency(long ms) {
        return Map.of("latency", ms, "jitter", 0L);
    }

    @Test
    void whatAConnectionHoldsIsReportedOnEveryPath() {
        LatencyBudget budget = new LatencyBudget(1 << 20);
        FaultBench b = new FaultBench().budget(budget).add(fault("latency", latency(100)));
        b.write("abc");
        assertThat(budget.held()).isEqualTo(3);
        b.chain.update(fault("latency", latency(50)));
        b.settle();
        assertThat(budget.held()).as("an update hands the bytes and their share to the successor").isEqualTo(3);
        b.advanceMillis(50);
        assertThat(budget.held()).isZero();

        b.write("de");
        b.reset();
        assertThat(budget.held()).as("a reset discards what is held").isZero();

        FaultBench c = new FaultBench().budget(budget).add(fault("latency", latency(100)));
        c.write("xyz");
        assertThat(budget.held()).isEqualTo(3);
        c.chain.remove("latency_downstream");
        c.settle();
        assertThat(c.text()).isEqualTo("xyz");
        assertThat(budget.held()).as("removal passes what is held").isZero();
    }

    @Test
    void connectionsCompetingForASpentBudgetWaitAndResumeWithoutLosingAByte() {
        LatencyBudget budget = new LatencyBudget(1 << 20);
        FaultBench a = new FaultBench().budget(budget).add(fault("latency", latency(100)));
        FaultBench b = new FaultBench().budget(budget).add(fault("latency", latency(100)));
        FaultBench c = new FaultBench().budget(budget).add(fault("latency", latency(100)));
        byte[] pa = Payloads.random(17 * CHUNK, 1);
        byte[] pb = Payloads.random(6 * CHUNK, 2);
        byte[] pc = Payloads.random(CHUNK, 3);

        writeChunks(a, pa, 0, 16);
        writeChunks(b, pb, 0, 5);
        assertThat(budget.held()).isEqualTo(21L * CHUNK);
        assertThat(b.writabilityChanges).as("beyond its high water mark, but the budget has room").isEmpty();
        writeChunks(b, pb, 5, 6);
        assertThat(budget.spent()).isTrue();
        assertThat(b.writabilityChanges).as("the budget is spent").containsExactly(false);
        writeChunks(a, pa, 16, 17);
        assertThat(a.writabilityChanges).as("every connection above its high water mark waits").containsExactly(false);
        writeChunks(c, pc, 0, 1);
        assertThat(c.writabilityChanges).as("below its high water mark a connection never waits").isEmpty();

        a.advanceMillis(88);
        assertThat(a.bytes()).hasSize(6 * CHUNK);
        assertThat(a.channel.isWritable()).as("the budget has room, but it holds over half of it").isFalse();
        a.advanceMillis(1);
        assertThat(a.channel.isWritable()).as("it let enough go").isTrue();
        assertThat(b.channel.isWritable()).as("another connection learns when its own bytes move").isFalse();
        a.advanceMillis(100);
        b.advanceMillis(100);
        c.advanceMillis(100);
        assertThat(b.writabilityChanges).containsExactly(false, true);
        assertThat(a.bytes()).isEqualTo(pa);
        assertThat(b.bytes()).isEqualTo(pb);
        assertThat(c.bytes()).isEqualTo(pc);
        assertThat(budget.held()).isZero();
    }

    /** Writes chunks {@code from} (inclusive) to {@code to} (exclusive) of {@code payload}, 1 ms apart. */
    private static void writeChunks(FaultBench bench, byte[] payload, int from, int to) {
        for (int i = from; i < to; i++) {
            bench.write(Arrays.copyOfRange(payload, i * CHUNK, (i + 1) * CHUNK));
            bench.advanceMillis(1);
        }
    }
}
