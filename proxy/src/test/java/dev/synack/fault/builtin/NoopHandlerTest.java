package dev.synack.fault.builtin;

import static dev.synack.fault.FaultBench.fault;
import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.fault.FaultBench;
import dev.synack.fault.StreamEnd;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code noop}: everything passes, in order, with its promise. */
class NoopHandlerTest {
    @Test
    void passesBytesFinAndPromises() {
        FaultBench b = new FaultBench().add(fault("noop", Map.of()));
        var p = b.write("abc");
        var f = b.fin();
        assertThat(b.text()).isEqualTo("abc");
        assertThat(b.ends()).containsExactly(StreamEnd.FIN);
        assertThat(p.isSuccess()).isTrue();
        assertThat(f.isSuccess()).isTrue();
        assertThat(b.applied).hasSize(1);
        b.write("late");
        assertThat(b.text()).as("nothing passes after the end").isEqualTo("abc");
        assertThat(b.discarded).isEqualTo(4);
    }
}
