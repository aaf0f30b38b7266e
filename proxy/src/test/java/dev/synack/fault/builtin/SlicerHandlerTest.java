package dev.synack.fault.builtin;

import static dev.synack.fault.FaultBench.fault;
import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.fault.FaultBench;
import dev.synack.fault.FaultBench.Event;
import dev.synack.fault.StreamEnd;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code slicer}: pieces of about average_size, each flushed alone, delay µs apart; all-zero attributes end. */
class SlicerHandlerTest {
    private static Map<String, Long> slicer(long average, long variation, long delayMicros) {
        return Map.of("average_size", average, "size_variation", variation, "delay", delayMicros);
    }

    @Test
    void cutsIntoPiecesNoLargerThanAverageAndVariation() {
        FaultBench b = new FaultBench().add(fault("slicer", slicer(100, 20, 0)));
        byte[] payload = Payloads.random(10_000, 5);
        b.write(payload);
        assertThat(b.bytes()).isEqualTo(payload);
        assertThat(b.events).allSatisfy(e -> assertThat(e.bytes().length).isBetween(1, 120));
        assertThat(b.events.size()).isGreaterThan(80);
    }

    @Test
    void piecesAreDelayMicrosecondsApart() {
        FaultBench b = new FaultBench().add(fault("slicer", slicer(10, 0, 1000)));
        b.write("0123456789abcdefghijklmnopqrstuv");
        b.fin();
        assertThat(b.events).hasSize(1);
        b.advanceMicros(1000);
        assertThat(b.events).hasSize(2);
        b.advanceMillis(10);
        assertThat(b.events).extracting(Event::millis).containsExactly(0L, 1L, 2L, 3L, 3L);
        assertThat(b.text()).isEqualTo("0123456789abcdefghijklmnopqrstuv");
        assertThat(b.ends()).containsExactly(StreamEnd.FIN);
    }

    @Test
    void allZeroAttributesCutIntoSingleBytesAndEnd() {
        FaultBench b = new FaultBench().add(fault("slicer", slicer(0, 0, 0)));
        b.write("a");
        b.write("bcd");
        assertThat(b.events).extracting(Event::toString).containsExactly("0ms:a", "0ms:b", "0ms:c", "0ms:d");
    }

    @Test
    void removalPassesTheHeldPiecesInOrder() {
        FaultBench b = new FaultBench().add(fault("slicer", slicer(100, 50, 10_000)));
        byte[] payload = Payloads.random(50_000, 6);
        Payloads.writeInChunks(b, payload, 5000, 0);
        b.chain.remove("slicer_downstream");
        b.settle();
        assertThat(b.bytes()).isEqualTo(payload);
    }

    @Test
    void theSameSeedCutsTheSameWay() {
        FaultBench one = new FaultBench().add(fault("slicer", slicer(50, 40, 0)));
        FaultBench two = new FaultBench().add(fault("slicer", slicer(50, 40, 0)));
        one.write(new byte[5000]);
        two.write(new byte[5000]);
        assertThat(one.events).extracting(e -> e.bytes().length).isEqualTo(two.events.stream().map(e -> e.bytes().length).toList());
    }
}
