package dev.synack.config;

import static dev.synack.config.ConfigErrorMessagesTest.errors;
import static dev.synack.config.ConfigErrorMessagesTest.proxy;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@code trigger: {on_state: {socket, state}}}: read when the mirror is on, and each way of getting it wrong
 * with the exact line the user sees.
 */
class OnStateTriggerConfigTest {
    private static final String MIRROR_ON = "mirror: {enabled: true}\n";
    private static final String STATES = "CLOSED, LISTEN, SYN_SENT, SYN_RECEIVED, ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, "
            + "CLOSE_WAIT, CLOSING, LAST_ACK, TIME_WAIT";

    private static String withMirror(String faults) {
        return MIRROR_ON + proxy(faults);
    }

    @Test
    void readWithTheMirrorOn() throws ConfigException {
        SynackConfig c = ConfigLoader.parse(withMirror("faults: [{type: latency, "
                + "trigger: {on_state: {socket: upstream, state: CLOSE_WAIT}}}, "
                + "{type: timeout, trigger: {on_state: {state: FIN_WAIT_2, socket: downstream}}}]"), "test.yaml");
        assertThat(c.proxies().get(0).faults()).extracting(FaultSpec::trigger).containsExactly(
                TriggerSpec.onState(OnStateSpec.Socket.UPSTREAM, "CLOSE_WAIT"),
                TriggerSpec.onState(OnStateSpec.Socket.DOWNSTREAM, "FIN_WAIT_2"));
        assertThat(c.proxies().get(0).faults().get(0).trigger().text())
                .isEqualTo("{on_state: {socket: upstream, state: CLOSE_WAIT}}");
    }

    @Test
    void unknownState() {
        assertThat(errors(withMirror("faults: [{type: latency}, {type: timeout, trigger: {on_state: {socket: upstream, state: FOO}}}]")))
                .containsExactly("proxies[0].faults[1].trigger.on_state.state: \"FOO\" (expected: one of " + STATES + ")");
    }

    @Test
    void statesAreSpelledAsTheMirrorSpellsThem() {
        assertThat(errors(withMirror("faults: [{type: timeout, trigger: {on_state: {socket: upstream, state: close_wait}}}]")))
                .containsExactly("proxies[0].faults[0].trigger.on_state.state: \"close_wait\" (expected: one of " + STATES + ")");
    }

    @Test
    void unknownSocket() {
        assertThat(errors(withMirror("faults: [{type: timeout, trigger: {on_state: {socket: service, state: CLOSE_WAIT}}}]")))
                .containsExactly("proxies[0].faults[0].trigger.on_state.socket: \"service\" (expected: one of downstream, upstream)");
    }

    @Test
    void bothKeysAreRequired() {
        assertThat(errors(withMirror("faults: [{type: timeout, trigger: {on_state: {}}}]"))).containsExactly(
                "proxies[0].faults[0].trigger.on_state.socket: missing (expected: one of downstream, upstream)",
                "proxies[0].faults[0].trigger.on_state.state: missing (expected: one of " + STATES + ")");
    }

    @Test
    void unknownKey() {
        assertThat(errors(withMirror("faults: [{type: timeout, trigger: {on_state: {socket: upstream, state: CLOSE_WAIT, side: up}}}]")))
                .containsExactly("proxies[0].faults[0].trigger.on_state.side: unknown key (expected: one of socket, state)");
    }

    @Test
    void notAMapping() {
        assertThat(errors(withMirror("faults: [{type: timeout, trigger: {on_state: CLOSE_WAIT}}]")))
                .containsExactly("proxies[0].faults[0].trigger.on_state: \"CLOSE_WAIT\" (expected: a mapping of socket, state)");
    }

    @Test
    void onStateWithAnotherTrigger() {
        assertThat(errors(withMirror("faults: [{type: timeout, trigger: {after: 1s, on_state: {socket: upstream, state: CLOSE_WAIT}}}]")))
                .containsExactly("proxies[0].faults[0].trigger: {\"after\":\"1s\",\"on_state\":{\"socket\":\"upstream\",\"state\":\"CL... "
                        + "(expected: one of after_bytes, after and on_state, not more)");
        assertThat(errors(withMirror("faults: [{type: timeout, trigger: {after_bytes: 5, on_state: {socket: upstream, state: CLOSE_WAIT}}}]")))
                .hasSize(1).allMatch(e -> e.endsWith("(expected: one of after_bytes, after and on_state, not more)"));
    }

    @Test
    void theMirrorMustBeOn() {
        String faults = "faults: [{type: latency}, {type: timeout, trigger: {on_state: {socket: upstream, state: CLOSE_WAIT}}}]";
        String expected = "proxies[0].faults[1].trigger.on_state: {\"socket\":\"upstream\",\"state\":\"CLOSE_WAIT\"} (expected: the mirror on "
                + "(mirror: {enabled: true} at the top of the config): on_state fires on the socket states the mirror engine "
                + "follows, and the mirror is off)";
        assertThat(errors(proxy(faults))).containsExactly(expected);
        assertThat(errors("mirror: {enabled: false}\n" + proxy(faults))).containsExactly(expected);
    }

    @Test
    void aMisspeltEnabledIsOneErrorNotOnePerTrigger() {
        assertThat(errors("mirror: {enabled: 1}\n"
                + proxy("faults: [{type: timeout, trigger: {on_state: {socket: upstream, state: CLOSE_WAIT}}}]")))
                .containsExactly("mirror.enabled: 1 (expected: true or false)");
    }
}
