package dev.synack.fault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.config.ConfigError;
import dev.synack.config.ConfigException;
import dev.synack.config.ConfigLoader;
import dev.synack.config.SynackConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fault types and attributes in a config file: one test per kind of error, with the exact line the user sees. */
class FaultConfigCheckTest {
    private static SynackConfig config(String faults) throws ConfigException {
        return ConfigLoader.parse("""
                proxies:
                  - name: web
                    listen: 127.0.0.1:18080
                    upstream: 127.0.0.1:8080
                """ + faults.indent(4), "test.yaml");
    }

    private static List<String> errors(String faults) throws ConfigException {
        return FaultConfigCheck.check(config(faults)).stream().map(ConfigError::toString).toList();
    }

    @Test
    void validFaultsPassAndResolveInOrder() throws ConfigException {
        SynackConfig c = config("""
                faults:
                  - {name: lag, type: latency, attributes: {latency: 100, jitter: 10}}
                  - {type: bandwidth, stream: upstream, attributes: {rate: 0}}
                """);
        assertThat(FaultConfigCheck.check(c)).isEmpty();
        assertThat(FaultConfigCheck.faults(c.proxies().get(0))).extracting(Fault::name).containsExactly("lag", "bandwidth_upstream");
    }

    @Test
    void attributeOutOfRange() throws ConfigException {
        assertThat(errors("faults: [{type: latency}, {type: bandwidth, attributes: {rate: -5}}]")).containsExactly(
                "proxies[0].faults[1].attributes.rate: -5 (expected: an integer from 0 to 100000000 (KB/s, 1 KB = 1000 bytes))");
    }

    @Test
    void attributeOfTheWrongKind() throws ConfigException {
        assertThat(errors("faults: [{type: latency, attributes: {latency: 100ms}}]")).containsExactly(
                "proxies[0].faults[0].attributes.latency: \"100ms\" (expected: an integer from 0 to 86400000 (milliseconds))");
    }

    @Test
    void unknownAttribute() throws ConfigException {
        assertThat(errors("faults: [{type: latency, attributes: {latncy: 100}}]"))
                .containsExactly("proxies[0].faults[0].attributes.latncy: unknown key (expected: latency)");
    }

    @Test
    void unknownType() throws ConfigException {
        assertThat(errors("faults: [{type: latncy}]")).containsExactly("proxies[0].faults[0].type: \"latncy\" (expected: latency)");
    }

    @Test
    void everyErrorOfEveryFaultAtOnce() throws ConfigException {
        assertThat(errors("faults: [{type: latncy}, {type: slicer, attributes: {average_size: -1, delay: x}}]")).containsExactly(
                "proxies[0].faults[0].type: \"latncy\" (expected: latency)",
                "proxies[0].faults[1].attributes.average_size: -1 (expected: an integer from 0 to 16777216 (bytes))",
                "proxies[0].faults[1].attributes.delay: \"x\" (expected: an integer from 0 to 86400000000 (microseconds))");
    }

    @Test
    void aFaultActingAtAcceptHasNoTrigger() throws ConfigException {
        assertThat(errors("faults: [{type: refuse, trigger: {after_bytes: 10}}, {type: connect_delay, trigger: {after: 2s}}]"))
                .containsExactly(
                        "proxies[0].faults[0].trigger: {after_bytes: 10} (expected: no trigger: refuse acts as a client connects, before any byte)",
                        "proxies[0].faults[1].trigger: {after: 2s} (expected: no trigger: connect_delay acts as a client connects, before any byte)");
    }

    @Test
    void acceptPauseActsOnEveryClient() throws ConfigException {
        assertThat(errors("faults: [{type: accept_pause, toxicity: 0.5, clients: [10.0.0.0/8]}]")).containsExactly(
                "proxies[0].faults[0].toxicity: 0.5 (expected: 1: accept_pause stops the listener, before any client is known)",
                "proxies[0].faults[0].clients: [10.0.0.0/8] (expected: none: accept_pause stops the listener, before any client is known)");
    }

    @Test
    void aFaultThisMachineCannotRun() throws ConfigException {
        SynackConfig c = config("faults: [{type: latency}, {type: silent_drop}]");
        assertThat(FaultConfigCheck.unavailable(c, false)).map(ConfigError::toString).containsExactly(
                "proxies[0].faults[1].type: \"silent_drop\" (expected: a fault this machine can run; "
                        + "silent_drop needs a native transport for TCP_REPAIR (transport: epoll or io_uring))");
    }
}
