package dev.synack.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synack.mirror.model.ObservedEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A socket's observations kept as primitives read back as the same observations, past its first capacity. */
class ObservationLogTest {
    @Test
    void readsBackEveryObservationInOrderAsItGrows() {
        ObservationLog log = new ObservationLog();
        List<Observation> expected = new ArrayList<>();
        int i = 0;
        for (StepKind k : StepKind.values()) {
            // Every step with every event, and with none (a note that moves no state).
            for (int e = -1; e < ObservedEvent.values().length; e++) {
                Observation o = new Observation(1_000_000_000_000L + i++, k, e < 0 ? null : ObservedEvent.values()[e]);
                log.add(o);
                expected.add(o);
            }
        }
        assertThat(expected.size()).isGreaterThan(ObservationLog.INITIAL_CAPACITY * 8);
        assertThat(log).containsExactlyElementsOf(expected);
        assertThat(log.capacity()).isGreaterThanOrEqualTo(expected.size());
    }

    @Test
    void anIndexPastTheEndIsRefused() {
        ObservationLog log = new ObservationLog();
        log.add(5, StepKind.FIN_READ, ObservedEvent.FIN_READ);
        assertThat(log.get(0)).isEqualTo(new Observation(5, StepKind.FIN_READ, ObservedEvent.FIN_READ));
        assertThatThrownBy(() -> log.get(1)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
