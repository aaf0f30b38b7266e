package dev.synack.fault.builtin;

import static dev.synack.fault.FaultBench.fault;
import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.config.FaultStream;
import dev.synack.config.TriggerSpec;
import dev.synack.fault.FaultBench;
import dev.synack.fault.FaultBench.Event;
import dev.synack.fault.StreamEnd;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code drop_fin} and {@code rst_on_fin}: what becomes of the FIN, and that bytes pass untouched. */
class FinFaultsTest {
    @Test
    void dropFinPassesBytesAndNeverTheFin() {
        FaultBench b = new FaultBench().add(fault("drop_fin", Map.of()));
        b.write("abc");
        var fin = b.fin();
        assertThat(b.text()).isEqualTo("abc");
        assertThat(b.ends()).isEmpty();
        assertThat(fin.isSuccess()).as("the relay sees its FIN done").isTrue();
        b.chain.remove("drop_fin_downstream");
        b.settle();
        assertThat(b.ends()).as("dropped, not held").isEmpty();
    }

    @Test
    void dropFinLetsAResetThrough() {
        FaultBench b = new FaultBench().add(fault("drop_fin", Map.of()));
        b.reset();
        assertThat(b.ends()).containsExactly(StreamEnd.RESET);
    }

    @Test
    void rstOnFinReplacesTheFin() {
        FaultBench b = new FaultBench().add(fault("rst_on_fin", Map.of()));
        b.write("abc");
        var fin = b.fin();
        assertThat(b.events).extracting(Event::toString).containsExactly("0ms:abc", "0ms:RESET");
        assertThat(fin.isSuccess()).isTrue();
    }

    @Test
    void rstOnFinWaitsUntilTheBytesBeforeItAreWritten() {
        FaultBench b = new FaultBench()
                .add(fault("rst_on_fin", Map.of()))
                .add(fault("lag", "latency", FaultStream.DOWNSTREAM, 1, List.of(), TriggerSpec.NONE, Map.of("latency", 100)));
        b.write("abc");
        b.fin();
        b.advanceMillis(99);
        assertThat(b.events).isEmpty();
        b.advanceMillis(1);
        assertThat(b.events).extracting(Event::toString).containsExactly("100ms:abc", "100ms:RESET");
    }
}
