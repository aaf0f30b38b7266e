package dev.synack.fault.builtin;

import static dev.synack.fault.FaultBench.fault;
import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.fault.FaultBench;
import dev.synack.fault.StreamEnd;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code limit_data}: at most bytes bytes, the crossing chunk cut, then a FIN; 0 ends at the first chunk. */
class LimitDataHandlerTest {
    @Test
    void passesUpToTheLimitCutsTheCrossingChunkAndEnds() {
        FaultBench b = new FaultBench().add(fault("limit_data", Map.of("bytes", 5)));
        b.write("abc");
        assertThat(b.ends()).isEmpty();
        b.write("defgh");
        assertThat(b.text()).isEqualTo("abcde");
        assertThat(b.ends()).containsExactly(StreamEnd.FIN);
        assertThat(b.discarded).isEqualTo(3);
        b.write("more");
        b.fin();
        assertThat(b.text()).isEqualTo("abcde");
        assertThat(b.ends()).containsExactly(StreamEnd.FIN);
        assertThat(b.discarded).isEqualTo(7);
    }

    @Test
    void reachingTheLimitExactlyEndsAtOnce() {
        FaultBench b = new FaultBench().add(fault("limit_data", Map.of("bytes", 3)));
        b.write("abc");
        assertThat(b.ends()).containsExactly(StreamEnd.FIN);
    }

    @Test
    void zeroEndsAtTheFirstChunkNotAtConnect() {
        FaultBench b = new FaultBench().add(fault("limit_data", Map.of("bytes", 0)));
        assertThat(b.events).isEmpty();
        b.write("a");
        assertThat(b.bytes()).isEmpty();
        assertThat(b.ends()).containsExactly(StreamEnd.FIN);
    }

    @Test
    void aFinBeforeTheLimitPasses() {
        FaultBench b = new FaultBench().add(fault("limit_data", Map.of("bytes", 100)));
        b.write("abc");
        b.fin();
        assertThat(b.ends()).containsExactly(StreamEnd.FIN);
    }

    @Test
    void theCountSurvivesAnUpdate() {
        FaultBench b = new FaultBench().add(fault("limit_data", Map.of("bytes", 100)));
        b.write("abcdef");
        b.chain.update(fault("limit_data", Map.of("bytes", 8)));
        b.settle();
        b.write("ghijk");
        assertThat(b.text()).isEqualTo("abcdefgh");
        assertThat(b.ends()).containsExactly(StreamEnd.FIN);
    }
}
