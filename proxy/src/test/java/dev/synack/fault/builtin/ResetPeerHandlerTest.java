package dev.synack.fault.builtin;

import static dev.synack.fault.FaultBench.fault;
import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.config.FaultStream;
import dev.synack.config.TriggerSpec;
import dev.synack.fault.FaultBench;
import dev.synack.fault.StreamEnd;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code reset_peer}: an RST timeout ms after data first arrives, only where the fault acts. */
class ResetPeerHandlerTest {
    @Test
    void nothingHappensUntilDataArrivesThenResetAfterTheTimeout() {
        FaultBench b = new FaultBench().add(fault("reset_peer", Map.of("timeout", 200)));
        b.advanceMillis(5000);
        assertThat(b.events).isEmpty();
        b.write("abc");
        b.advanceMillis(100);
        b.write("def");
        b.advanceMillis(99);
        assertThat(b.events).isEmpty();
        b.advanceMillis(1);
        assertThat(b.ends()).containsExactly(StreamEnd.RESET);
        assertThat(b.endMillis()).isEqualTo(5200L);
        assertThat(b.discarded).isEqualTo(6);
    }

    @Test
    void zeroResetsAtTheFirstChunk() {
        FaultBench b = new FaultBench().add(fault("reset_peer", Map.of("timeout", 0)));
        b.write("abc");
        assertThat(b.ends()).containsExactly(StreamEnd.RESET);
        assertThat(b.bytes()).isEmpty();
    }

    @Test
    void aFinAloneStartsTheCountdownAndIsSwallowed() {
        FaultBench b = new FaultBench().add(fault("reset_peer", Map.of("timeout", 100)));
        b.fin();
        assertThat(b.events).isEmpty();
        b.advanceMillis(100);
        assertThat(b.ends()).containsExactly(StreamEnd.RESET);
    }

    @Test
    void aConnectionTheToxicitySparedClosesNormally() {
        FaultBench b = new FaultBench().add(fault("reset_peer", FaultStream.DOWNSTREAM, 0, TriggerSpec.NONE, Map.of("timeout", 0)));
        b.write("abc");
        b.fin();
        assertThat(b.text()).isEqualTo("abc");
        assertThat(b.ends()).containsExactly(StreamEnd.FIN);
        assertThat(b.faultHandlers()).isEmpty();
    }

    @Test
    void anUpdateCountsFromTheFirstData() {
        FaultBench b = new FaultBench().add(fault("reset_peer", Map.of("timeout", 1000)));
        b.write("abc");
        b.advanceMillis(300);
        b.chain.update(fault("reset_peer", Map.of("timeout", 500)));
        b.settle();
        b.advanceMillis(199);
        assertThat(b.events).isEmpty();
        b.advanceMillis(1);
        assertThat(b.endMillis()).isEqualTo(500L);
    }
}
