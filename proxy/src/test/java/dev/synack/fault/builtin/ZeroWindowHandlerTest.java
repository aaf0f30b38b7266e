package dev.synack.fault.builtin;

import static dev.synack.fault.FaultBench.fault;
import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.config.FaultStream;
import dev.synack.config.TriggerSpec;
import dev.synack.fault.FaultBench;
import dev.synack.fault.StreamEnd;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code zero_window}: the channel stays unwritable (the relay stops reading) while what was read still passes. */
class ZeroWindowHandlerTest {
    @Test
    void unwritableWhilePresentButWhatWasReadPasses() {
        FaultBench b = new FaultBench().add(fault("zero_window", Map.of()));
        assertThat(b.channel.isWritable()).isFalse();
        b.write("abc");
        b.fin();
        assertThat(b.text()).isEqualTo("abc");
        assertThat(b.ends()).containsExactly(StreamEnd.FIN);
        b.chain.remove("zero_window_downstream");
        b.settle();
        assertThat(b.channel.isWritable()).isTrue();
        assertThat(b.writabilityChanges).containsExactly(false, true);
    }

    @Test
    void aTriggerStartsItLater() {
        FaultBench b = new FaultBench().add(fault("zero_window", FaultStream.DOWNSTREAM, 1,
                TriggerSpec.after(Duration.ofSeconds(2)), Map.of()));
        assertThat(b.channel.isWritable()).isTrue();
        assertThat(b.applied).isEmpty();
        b.advanceMillis(2000);
        assertThat(b.channel.isWritable()).isFalse();
        assertThat(b.applied).hasSize(1);
    }
}
