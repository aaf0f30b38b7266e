package dev.synack.fault.builtin;

import static dev.synack.fault.FaultBench.fault;
import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.fault.FaultBench;
import dev.synack.fault.StreamEnd;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fault that drops no bytes by design, added, updated and removed on a live channel in the middle
 * of a stream: not one byte lost, duplicated or reordered (SHA-256 of what reached the tail), and the
 * direction ends as the fault says.
 */
class LiveChangesTest {
    static Stream<Arguments> faults() {
        return Stream.of(
                Arguments.of("noop", Map.of(), Map.of(), StreamEnd.FIN),
                Arguments.of("latency", Map.of("latency", 100, "jitter", 30), Map.of("latency", 10), StreamEnd.FIN),
                Arguments.of("bandwidth", Map.of("rate", 50), Map.of("rate", 200), StreamEnd.FIN),
                Arguments.of("bandwidth", Map.of("rate", 0), Map.of("rate", 10), StreamEnd.FIN),
                Arguments.of("slow_close", Map.of("delay", 100), Map.of("delay", 50), StreamEnd.FIN),
                Arguments.of("slicer", Map.of("average_size", 100, "size_variation", 50, "delay", 500),
                        Map.of("average_size", 1000, "delay", 0), StreamEnd.FIN),
                Arguments.of("hold_fin", Map.of("delay", 100), Map.of("delay", 5000), StreamEnd.FIN),
                Arguments.of("hang_after", Map.of("bytes", 3000), Map.of("after", 100), StreamEnd.FIN),
                Arguments.of("zero_window", Map.of(), Map.of(), StreamEnd.FIN),
                Arguments.of("drop_fin", Map.of(), Map.of(), StreamEnd.FIN),
                Arguments.of("rst_on_fin", Map.of(), Map.of(), StreamEnd.FIN));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("faults")
    void addUpdateRemoveMidStreamLosesNothing(String type, Map<String, ?> first, Map<String, ?> second, StreamEnd end)
            throws Exception {
        FaultBench b = new FaultBench();
        byte[] payload = Payloads.random(120_000, type.hashCode());
        List<byte[]> chunks = chunks(payload, 4000);
        int i = 0;
        for (; i < 8; i++) {
            b.write(chunks.get(i));
            b.advanceMillis(3);
        }
        b.add(fault(type, first));
        for (; i < 16; i++) {
            b.write(chunks.get(i));
            b.advanceMillis(3);
        }
        b.chain.update(fault(type, second));
        b.settle();
        for (; i < 24; i++) {
            b.write(chunks.get(i));
            b.advanceMillis(3);
        }
        b.chain.remove(type + "_downstream");
        b.settle();
        for (; i < chunks.size(); i++) {
            b.write(chunks.get(i));
        }
        b.fin();
        b.advanceMillis(10_000);
        assertThat(sha256(b.bytes())).isEqualTo(sha256(payload));
        assertThat(b.ends()).containsExactly(end);
        assertThat(b.discarded).isZero();
        assertThat(b.channel.isWritable()).isTrue();
        assertThat(b.faultHandlers()).isEmpty();
    }

    private static List<byte[]> chunks(byte[] payload, int size) {
        return Stream.iterate(0, o -> o < payload.length, o -> o + size)
                .map(o -> Arrays.copyOfRange(payload, o, Math.min(payload.length, o + size))).toList();
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
