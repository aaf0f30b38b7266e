package dev.synack.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.synack.config.FaultStream;
import dev.synack.config.TriggerSpec;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The registry table: the types, each type's defaults and JSON order, and the exact text of every attribute error. */
class FaultRegistryTest {
    private static List<String> problems(String type, Map<String, ?> attributes) {
        FaultException e = catchThrowableOfType(FaultException.class,
                () -> Fault.create(null, type, FaultStream.DOWNSTREAM, 1, List.of(), TriggerSpec.NONE, attributes));
        assertThat(e).as("%s %s should be rejected", type, attributes).isNotNull();
        return e.problems().stream().map(FaultProblem::toString).toList();
    }

    private static Fault create(String type, Map<String, ?> attributes) throws FaultException {
        return Fault.create(null, type, FaultStream.DOWNSTREAM, 1, List.of(), TriggerSpec.NONE, attributes);
    }

    @Test
    void theTypesToxiproxysFirst() {
        assertThat(FaultRegistry.names()).containsExactly("noop", "latency", "bandwidth", "slow_close", "timeout", "reset_peer",
                "slicer", "limit_data", "hold_fin", "drop_fin", "rst_on_fin", "hang_after", "zero_window", "silent_drop",
                "blackhole", "connect_delay", "refuse", "accept_pause");
    }

    @Test
    void everyTypesDefaultsInJsonOrder() throws FaultException {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("noop", "{}");
        expected.put("latency", "{latency=0, jitter=0}");
        expected.put("bandwidth", "{rate=0}");
        expected.put("slow_close", "{delay=0}");
        expected.put("timeout", "{timeout=0}");
        expected.put("reset_peer", "{timeout=0}");
        expected.put("slicer", "{average_size=0, size_variation=0, delay=0}");
        expected.put("limit_data", "{bytes=0}");
        expected.put("hold_fin", "{delay=1000}");
        expected.put("drop_fin", "{}");
        expected.put("rst_on_fin", "{}");
        expected.put("hang_after", "{bytes=0, after=0}");
        expected.put("zero_window", "{}");
        expected.put("silent_drop", "{}");
        expected.put("blackhole", "{}");
        expected.put("connect_delay", "{delay=1000}");
        expected.put("refuse", "{}");
        expected.put("accept_pause", "{}");
        assertThat(expected.keySet()).containsExactlyElementsOf(FaultRegistry.names());
        for (Map.Entry<String, String> e : expected.entrySet()) {
            assertThat(create(e.getKey(), Map.of()).attributeValues()).as(e.getKey()).hasToString(e.getValue());
        }
    }

    @Test
    void theKindOfEachType() {
        assertThat(FaultRegistry.TYPES.stream().filter(t -> t.kind() == FaultType.Kind.CONNECTION).map(FaultType::name))
                .containsExactly("connect_delay", "refuse", "accept_pause");
    }

    @Test
    void anAttributeOutOfRange() {
        assertThat(problems("bandwidth", Map.of("rate", -5)))
                .containsExactly("attributes.rate: -5 (expected: an integer from 0 to 100000000 (KB/s, 1 KB = 1000 bytes))");
        assertThat(problems("latency", Map.of("latency", 86_400_001L)))
                .containsExactly("attributes.latency: 86400001 (expected: an integer from 0 to 86400000 (milliseconds))");
        assertThat(problems("slicer", Map.of("delay", -1)))
                .containsExactly("attributes.delay: -1 (expected: an integer from 0 to 86400000000 (microseconds))");
        assertThat(problems("limit_data", Map.of("bytes", new BigInteger("99999999999999999999"))))
                .containsExactly("attributes.bytes: 99999999999999999999 (expected: an integer from 0 to 1000000000000 (bytes))");
    }

    @Test
    void anAttributeThatIsNoInteger() {
        assertThat(problems("latency", Map.of("latency", 1.5)))
                .containsExactly("attributes.latency: 1.5 (expected: an integer from 0 to 86400000 (milliseconds))");
        assertThat(problems("latency", Map.of("latency", "100ms")))
                .containsExactly("attributes.latency: \"100ms\" (expected: an integer from 0 to 86400000 (milliseconds))");
        assertThat(problems("timeout", Map.of("timeout", true)))
                .containsExactly("attributes.timeout: true (expected: an integer from 0 to 86400000 (milliseconds))");
    }

    @Test
    void anUnknownAttribute() {
        assertThat(problems("latency", Map.of("latncy", 5)))
                .containsExactly("attributes.latncy: unknown key (expected: latency)");
        assertThat(problems("slicer", Map.of("colour", 5)))
                .containsExactly("attributes.colour: unknown key (expected: one of average_size, size_variation, delay)");
        assertThat(problems("noop", Map.of("x", 1)))
                .containsExactly("attributes.x: unknown key (expected: no attributes: noop has none)");
    }

    @Test
    void anUnknownType() {
        assertThat(problems("latncy", Map.of())).containsExactly("type: \"latncy\" (expected: latency)");
        assertThat(problems("down", Map.of())).singleElement().asString()
                .startsWith("type: \"down\" (expected: one of noop, latency, bandwidth, ");
    }

    @Test
    void everyProblemAtOnce() {
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("latency", -1);
        attrs.put("jiter", 2);
        FaultException e = catchThrowableOfType(FaultException.class,
                () -> Fault.create(null, "latency", FaultStream.DOWNSTREAM, 1.5, List.of(), TriggerSpec.NONE, attrs));
        assertThat(e.problems()).map(FaultProblem::toString).containsExactly(
                "toxicity: 1.5 (expected: a number from 0 to 1)",
                "attributes.latency: -1 (expected: an integer from 0 to 86400000 (milliseconds))",
                "attributes.jiter: unknown key (expected: jitter)");
    }

    @Test
    void defaultsAndNamesAsToxiproxy() throws FaultException {
        Fault f = Fault.create(null, "latency", FaultStream.UPSTREAM, 1, List.of(), TriggerSpec.NONE, Map.of("jitter", 10));
        assertThat(f.name()).isEqualTo("latency_upstream");
        assertThat(f.attributeValues()).containsExactly(Map.entry("latency", 0L), Map.entry("jitter", 10L));
    }

    @Test
    void anUpdateMergesAttributesKeepingTheOthers() throws FaultException {
        Fault f = create("latency", Map.of("latency", 100, "jitter", 10));
        Fault g = f.withAttributes(Map.of("latency", 200));
        assertThat(g.attributeValues()).containsExactly(Map.entry("latency", 200L), Map.entry("jitter", 10L));
        assertThat(g.name()).isEqualTo(f.name());
        assertThat(catchThrowableOfType(FaultException.class, () -> f.withAttributes(Map.of("jitter", -1))).problems())
                .map(FaultProblem::toString)
                .containsExactly("attributes.jitter: -1 (expected: an integer from 0 to 86400000 (milliseconds))");
    }

    @Test
    void typesThatNeedMoreThanAJvmSaySo() {
        FaultType<?> silentDrop = FaultRegistry.find("silent_drop").orElseThrow();
        assertThat(silentDrop.missing(false)).contains("silent_drop needs a native transport for TCP_REPAIR (transport: epoll or io_uring)");
        assertThat(FaultRegistry.find("latency").orElseThrow().missing(false)).isEmpty();
        assertThat(FaultRegistry.TYPES.stream().filter(t -> t.defaults() instanceof MachineRequirement).map(FaultType::name))
                .containsExactly("silent_drop", "blackhole");
    }
}
