package dev.synack.fault.builtin;

import static dev.synack.fault.FaultBench.fault;
import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.fault.FaultBench;
import dev.synack.fault.StreamEnd;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code hang_after}: after bytes or ms the direction stops, unwritable, FIN held, nothing closed; removal plugs back in. */
class HangAfterHandlerTest {
    @Test
    void hangsAfterBytesHoldingTheRestAndTheFin() {
        FaultBench b = new FaultBench().add(fault("hang_after", Map.of("bytes", 5)));
        b.write("abc");
        assertThat(b.channel.isWritable()).isTrue();
        b.write("defgh");
        assertThat(b.text()).isEqualTo("abcde");
        assertThat(b.channel.isWritable()).isFalse();
        b.write("ijk");
        b.fin();
        b.advanceMillis(3_600_000);
        assertThat(b.text()).isEqualTo("abcde");
        assertThat(b.ends()).isEmpty();
        assertThat(b.channel.isOpen()).isTrue();
        b.chain.remove("hang_after_downstream");
        b.settle();
        assertThat(b.text()).isEqualTo("abcdefghijk");
        assertThat(b.ends()).containsExactly(StreamEnd.FIN);
        assertThat(b.channel.isWritable()).isTrue();
    }

    @Test
    void hangsAfterTime() {
        FaultBench b = new FaultBench().add(fault("hang_after", Map.of("after", 1000)));
        b.write("abc");
        b.advanceMillis(999);
        assertThat(b.channel.isWritable()).isTrue();
        b.advanceMillis(1);
        assertThat(b.channel.isWritable()).isFalse();
        b.write("def");
        assertThat(b.text()).isEqualTo("abc");
    }

    @Test
    void bytesOrTimeWhicheverComesFirst() {
        FaultBench b = new FaultBench().add(fault("hang_after", Map.of("bytes", 1000, "after", 500)));
        b.write("abc");
        b.advanceMillis(500);
        b.write("def");
        assertThat(b.text()).isEqualTo("abc");
    }

    @Test
    void withNeitherItHangsAtOnce() {
        FaultBench b = new FaultBench().add(fault("hang_after", Map.of()));
        assertThat(b.channel.isWritable()).isFalse();
        b.write("abc");
        assertThat(b.events).isEmpty();
    }

    @Test
    void aResetStillPasses() {
        FaultBench b = new FaultBench().add(fault("hang_after", Map.of()));
        b.write("abc");
        b.reset();
        assertThat(b.ends()).containsExactly(StreamEnd.RESET);
        assertThat(b.discarded).isEqualTo(3);
    }

    @Test
    void anUpdateStaysHungWithWhatWasHeld() {
        FaultBench b = new FaultBench().add(fault("hang_after", Map.of("bytes", 2)));
        b.write("abcd");
        b.chain.update(fault("hang_after", Map.of("bytes", 100)));
        b.settle();
        assertThat(b.channel.isWritable()).isFalse();
        b.chain.remove("hang_after_downstream");
        b.settle();
        assertThat(b.text()).isEqualTo("abcd");
        assertThat(b.channel.isWritable()).isTrue();
    }
}
