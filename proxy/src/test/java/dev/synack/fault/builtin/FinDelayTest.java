package dev.synack.fault.builtin;

import static dev.synack.fault.FaultBench.fault;
import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.fault.FaultBench;
import dev.synack.fault.FaultBench.Event;
import dev.synack.fault.StreamEnd;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code slow_close} and {@code hold_fin}: bytes pass at once, the FIN leaves {@code delay} ms after it came. */
class FinDelayTest {
    @ParameterizedTest
    @ValueSource(strings = {"slow_close", "hold_fin"})
    void bytesPassAndTheFinWaits(String type) {
        FaultBench b = new FaultBench().add(fault(type, Map.of("delay", 500)));
        b.write("abc");
        assertThat(b.text()).isEqualTo("abc");
        b.advanceMillis(100);
        b.fin();
        b.advanceMillis(499);
        assertThat(b.ends()).isEmpty();
        b.advanceMillis(1);
        assertThat(b.events).extracting(Event::toString).containsExactly("0ms:abc", "600ms:FIN");
    }

    @ParameterizedTest
    @ValueSource(strings = {"slow_close", "hold_fin"})
    void aResetIsNotDelayed(String type) {
        FaultBench b = new FaultBench().add(fault(type, Map.of("delay", 500)));
        b.fin();
        b.reset();
        assertThat(b.ends()).containsExactly(StreamEnd.RESET);
        b.advanceMillis(1000);
        assertThat(b.ends()).containsExactly(StreamEnd.RESET);
    }

    @ParameterizedTest
    @ValueSource(strings = {"slow_close", "hold_fin"})
    void removalLetsTheFinGoAndAnUpdateCountsFromItsArrival(String type) {
        FaultBench b = new FaultBench().add(fault(type, Map.of("delay", 500)));
        b.fin();
        b.advanceMillis(100);
        b.chain.update(fault(type, Map.of("delay", 300)));
        b.settle();
        b.advanceMillis(199);
        assertThat(b.ends()).isEmpty();
        b.advanceMillis(1);
        assertThat(b.endMillis()).isEqualTo(300L);

        FaultBench c = new FaultBench().add(fault(type, Map.of("delay", 500)));
        c.fin();
        c.chain.remove(type + "_downstream");
        c.settle();
        assertThat(c.ends()).containsExactly(StreamEnd.FIN);
    }
}
