package dev.synack.config;

import static dev.synack.config.ConfigErrorMessagesTest.errors;
import static dev.synack.config.ConfigErrorMessagesTest.proxy;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@code faults} list of a proxy: the common fields with their defaults, and one test per kind of
 * error in them with the exact line the user sees. Types and attributes are the fault registry's to check
 * (see {@code dev.synack.fault.FaultConfigCheckTest}).
 */
class FaultEntriesTest {

    private static List<FaultSpec> faults(String yaml) throws ConfigException {
        return ConfigLoader.parse(proxy(yaml), "test.yaml").proxies().get(0).faults();
    }

    @Test
    void noFaultsByDefault() throws ConfigException {
        assertThat(faults("")).isEmpty();
    }

    @Test
    void commonFieldsDefaultAsToxiproxy() throws ConfigException {
        FaultSpec f = faults("faults: [{type: latency, attributes: {latency: 100}}]").get(0);
        assertThat(f.name()).isEqualTo("latency_downstream");
        assertThat(f.stream()).isEqualTo(FaultStream.DOWNSTREAM);
        assertThat(f.toxicity()).isEqualTo(1.0);
        assertThat(f.clients()).isEmpty();
        assertThat(f.trigger()).isEqualTo(TriggerSpec.NONE);
        assertThat(f.attributes()).containsExactly(java.util.Map.entry("latency", 100L));
    }

    @Test
    void everyFieldIsRead() throws ConfigException {
        FaultSpec f = faults("""
                faults:
                  - name: slow-up
                    type: bandwidth
                    stream: upstream
                    toxicity: 0.25
                    clients: [10.0.0.0/8, "::1", 192.168.1.7/24]
                    trigger: {after: 5s}
                    attributes: {rate: 100, note: "x", z: 1.5}
                  - {type: limit_data, trigger: {after_bytes: 1024}}
                """).get(0);
        assertThat(f.name()).isEqualTo("slow-up");
        assertThat(f.stream()).isEqualTo(FaultStream.UPSTREAM);
        assertThat(f.toxicity()).isEqualTo(0.25);
        assertThat(f.clients()).map(Cidr::toString).containsExactly("10.0.0.0/8", "0:0:0:0:0:0:0:1/128", "192.168.1.0/24");
        assertThat(f.trigger()).isEqualTo(TriggerSpec.after(Duration.ofSeconds(5)));
        assertThat(f.attributes().keySet()).containsExactly("rate", "note", "z");
        assertThat(f.attributes().values()).containsExactly(100L, "x", 1.5);
        assertThat(faults("faults: [{type: limit_data, trigger: {after_bytes: 1024}}]").get(0).trigger())
                .isEqualTo(TriggerSpec.afterBytes(1024));
    }

    @Test
    void faultsNotAList() {
        assertThat(errors(proxy("faults: {type: latency}")))
                .containsExactly("proxies[0].faults: {\"type\":\"latency\"} (expected: a list of faults)");
    }

    @Test
    void unknownFaultKey() {
        assertThat(errors(proxy("faults: [{type: latency, atributes: {}}]")))
                .containsExactly("proxies[0].faults[0].atributes: unknown key (expected: attributes)");
    }

    @Test
    void missingType() {
        assertThat(errors(proxy("faults: [{stream: upstream}]")))
                .containsExactly("proxies[0].faults[0].type: missing (expected: a fault type like latency)");
    }

    @Test
    void badStream() {
        assertThat(errors(proxy("faults: [{type: latency, stream: sideways}]")))
                .containsExactly("proxies[0].faults[0].stream: \"sideways\" (expected: one of upstream, downstream)");
    }

    @Test
    void toxicityOutOfRange() {
        assertThat(errors(proxy("faults: [{type: latency, toxicity: 1.5}]")))
                .containsExactly("proxies[0].faults[0].toxicity: 1.5 (expected: a number from 0 to 1)");
    }

    @Test
    void badName() {
        assertThat(errors(proxy("faults: [{type: latency, name: 'a b'}]")))
                .containsExactly("proxies[0].faults[0].name: \"a b\" (expected: a name of 1 to 64 letters, digits, '_', '.' or '-')");
    }

    @Test
    void duplicateName() {
        assertThat(errors(proxy("faults: [{type: latency, name: lag}, {type: timeout, name: lag}]")))
                .containsExactly("proxies[0].faults[1].name: \"lag\" (expected: a name no other fault of this proxy has; "
                        + "proxies[0].faults[0] has it)");
    }

    @Test
    void duplicateDefaultName() {
        assertThat(errors(proxy("faults: [{type: latency}, {type: latency, stream: downstream}]")))
                .containsExactly("proxies[0].faults[1].name: missing (expected: a name: the default latency_downstream "
                        + "is taken by proxies[0].faults[0])");
    }

    @Test
    void sameTypeOnBothStreamsHasTwoDefaultNames() throws ConfigException {
        assertThat(faults("faults: [{type: latency}, {type: latency, stream: upstream}]"))
                .map(FaultSpec::name).containsExactly("latency_downstream", "latency_upstream");
    }

    @Test
    void badCidr() {
        assertThat(errors(proxy("faults: [{type: latency, clients: [10.0.0.0/8, 10.0.0.0/33, example.com]}]")))
                .containsExactly(
                        "proxies[0].faults[0].clients[1]: \"10.0.0.0/33\" (expected: a CIDR like 10.0.0.0/8 or fd00::/8, or one address)",
                        "proxies[0].faults[0].clients[2]: \"example.com\" (expected: a CIDR like 10.0.0.0/8 or fd00::/8, or one address)");
    }

    @Test
    void emptyClients() {
        assertThat(errors(proxy("faults: [{type: latency, clients: []}]")))
                .containsExactly("proxies[0].faults[0].clients: [] (expected: a non-empty list of CIDRs like 10.0.0.0/8 or ::1/128)");
    }

    @Test
    void triggerWithBoth() {
        assertThat(errors(proxy("faults: [{type: latency, trigger: {after_bytes: 10, after: 1s}}]")))
                .containsExactly("proxies[0].faults[0].trigger: {\"after_bytes\":10,\"after\":\"1s\"} "
                        + "(expected: one of after_bytes, after and on_state, not more)");
    }

    @Test
    void triggerUnknownKey() {
        assertThat(errors(proxy("faults: [{type: latency, trigger: {after_byte: 10}}]")))
                .containsExactly("proxies[0].faults[0].trigger.after_byte: unknown key (expected: after_bytes)");
    }

    @Test
    void triggerNegativeBytes() {
        assertThat(errors(proxy("faults: [{type: latency, trigger: {after_bytes: -1}}]")))
                .containsExactly("proxies[0].faults[0].trigger.after_bytes: -1 (expected: an integer >= 0)");
    }

    @Test
    void attributesNotAMapping() {
        assertThat(errors(proxy("faults: [{type: latency, attributes: [1, 2]}]")))
                .containsExactly("proxies[0].faults[0].attributes: [1,2] (expected: a mapping of the fault type's attributes)");
    }
}
