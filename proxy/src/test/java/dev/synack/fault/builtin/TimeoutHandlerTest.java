package dev.synack.fault.builtin;

import static dev.synack.fault.FaultBench.fault;
import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.fault.FaultBench;
import dev.synack.fault.StreamEnd;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code timeout}: drops data, ends timeout ms after the last chunk, 0 = never, removal ends the connection. */
class TimeoutHandlerTest {
    @Test
    void dropsDataAndEndsAfterTheTimeoutReArmedByEachChunk() {
        FaultBench b = new FaultBench().add(fault("timeout", Map.of("timeout", 1000)));
        b.advanceMillis(600);
        b.write("abc");
        b.advanceMillis(999);
        assertThat(b.events).isEmpty();
        b.advanceMillis(1);
        assertThat(b.ends()).containsExactly(StreamEnd.FIN);
        assertThat(b.endMillis()).isEqualTo(1600L);
        assertThat(b.bytes()).isEmpty();
        assertThat(b.discarded).isEqualTo(3);
        b.write("later");
        assertThat(b.discarded).isEqualTo(8);
        assertThat(b.ends()).hasSize(1);
    }

    @Test
    void zeroDropsForeverAndNeverCloses() {
        FaultBench b = new FaultBench().add(fault("timeout", Map.of("timeout", 0)));
        b.write("abc");
        b.advanceMillis(3_600_000);
        assertThat(b.events).isEmpty();
    }

    @Test
    void aFinFromTheSourceClosesAtOnce() {
        FaultBench b = new FaultBench().add(fault("timeout", Map.of("timeout", 1000)));
        b.write("abc");
        b.fin();
        assertThat(b.ends()).containsExactly(StreamEnd.FIN);
        assertThat(b.endMillis()).isZero();
        b.advanceMillis(2000);
        assertThat(b.ends()).hasSize(1);
    }

    @Test
    void removingItEndsTheConnectionsItHeld() {
        FaultBench b = new FaultBench().add(fault("timeout", Map.of("timeout", 0)));
        b.write("abc");
        b.chain.remove("timeout_downstream");
        b.settle();
        assertThat(b.ends()).containsExactly(StreamEnd.FIN);
    }

    @Test
    void removingItWhereToxicitySparedTheConnectionEndsNothing() {
        FaultBench b = new FaultBench().add(fault("timeout", dev.synack.config.FaultStream.DOWNSTREAM, 0,
                dev.synack.config.TriggerSpec.NONE, Map.of("timeout", 0)));
        b.write("abc");
        b.chain.remove("timeout_downstream");
        b.settle();
        assertThat(b.ends()).isEmpty();
        assertThat(b.text()).isEqualTo("abc");
    }

    @Test
    void anUpdateIsNoRemoval() {
        FaultBench b = new FaultBench().add(fault("timeout", Map.of("timeout", 0)));
        b.chain.update(fault("timeout", Map.of("timeout", 500)));
        b.settle();
        assertThat(b.ends()).isEmpty();
        b.advanceMillis(500);
        assertThat(b.ends()).containsExactly(StreamEnd.FIN);
    }
}
