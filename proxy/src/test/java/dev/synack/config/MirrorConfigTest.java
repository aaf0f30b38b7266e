package dev.synack.config;

import static dev.synack.config.ConfigErrorMessagesTest.errors;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The top-level {@code mirror} block: defaults, every key, and each error with its path. */
class MirrorConfigTest {
    private static final String PROXY = """
            proxies:
              - name: web
                listen: 127.0.0.1:18080
                upstream: 127.0.0.1:8080
            """;

    private static SynackConfig load(String yaml) throws ConfigException {
        return ConfigLoader.parse(yaml + PROXY, "test.yaml");
    }

    @Test
    void omittedBlockIsTheDefault() throws ConfigException {
        assertThat(load("").mirror()).isEqualTo(MirrorSpec.DEFAULT);
        assertThat(MirrorSpec.DEFAULT.enabled()).isFalse();
        assertThat(MirrorSpec.DEFAULT.kernelPoll()).isEqualTo(Duration.ofSeconds(1));
        assertThat(MirrorSpec.DEFAULT.handshakeReads()).isEqualTo(1_000);
    }

    @Test
    void everyKey() throws ConfigException {
        MirrorSpec m = load("mirror: {enabled: true, kernel_poll: 250ms, keep_closed: 2m, max_tracked: 500, divergence_grace: 3s, "
                + "handshake_reads: 0}\n").mirror();
        assertThat(m).isEqualTo(new MirrorSpec(true, Duration.ofMillis(250), Duration.ofMinutes(2), 500, Duration.ofSeconds(3), 0));
    }

    @Test
    void omittedKeysKeepTheirDefaults() throws ConfigException {
        MirrorSpec m = load("mirror: {enabled: true}\n").mirror();
        assertThat(m).isEqualTo(MirrorSpec.DEFAULT.withEnabled(true));
    }

    @Test
    void unknownKeyIsRejectedWithASuggestion() {
        assertThat(errors("mirror: {enable: true}\n" + PROXY))
                .containsExactly("mirror.enable: unknown key (expected: enabled)");
    }

    @Test
    void everyBadValueIsReportedWithItsPath() {
        assertThat(errors("mirror: {enabled: yes please, kernel_poll: 10ms, keep_closed: 2h, max_tracked: -1, divergence_grace: soon, "
                + "handshake_reads: 2000000}\n" + PROXY))
                .containsExactly(
                        "mirror.enabled: \"yes please\" (expected: true or false)",
                        "mirror.kernel_poll: \"10ms\" (expected: a duration from 100ms to 1m, like 250ms, 2s, 10m)",
                        "mirror.keep_closed: \"2h\" (expected: a duration from 0s to 1h, like 250ms, 2s, 10m)",
                        "mirror.max_tracked: -1 (expected: an integer from 0 to 1000000)",
                        "mirror.divergence_grace: \"soon\" (expected: a duration from 100ms to 1h, like 250ms, 2s, 10m)",
                        "mirror.handshake_reads: 2000000 (expected: an integer from 0 to 1000000)");
    }

    @Test
    void aBlockThatIsNoMappingIsAnError() {
        assertThat(errors("mirror: true\n" + PROXY))
                .containsExactly("mirror: true (expected: a mapping of enabled, kernel_poll, keep_closed, max_tracked, divergence_grace, handshake_reads)");
    }
}
