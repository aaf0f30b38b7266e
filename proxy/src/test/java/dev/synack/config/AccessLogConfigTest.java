package dev.synack.config;

import static dev.synack.config.ConfigErrorMessagesTest.errors;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The top-level {@code access_log} block: off by default, every key, and each error with its path. */
class AccessLogConfigTest {
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
    void offByDefaultAndToStandardOutput() throws ConfigException {
        assertThat(load("").accessLog()).isEqualTo(AccessLogSpec.DEFAULT);
        assertThat(AccessLogSpec.DEFAULT.enabled()).isFalse();
        assertThat(AccessLogSpec.DEFAULT.toStdout()).isTrue();
    }

    @Test
    void everyKey() throws ConfigException {
        assertThat(load("access_log: {enabled: true, path: /var/log/synack/access.log}\n").accessLog())
                .isEqualTo(new AccessLogSpec(true, "/var/log/synack/access.log"));
        assertThat(load("access_log: {enabled: true, path: \"-\"}\n").accessLog().toStdout()).isTrue();
    }

    @Test
    void omittedKeysKeepTheirDefaults() throws ConfigException {
        assertThat(load("access_log: {enabled: true}\n").accessLog()).isEqualTo(new AccessLogSpec(true, "-"));
    }

    @Test
    void unknownKeyIsRejectedWithASuggestion() {
        assertThat(errors("access_log: {enabled: true, file: x.log}\n" + PROXY))
                .containsExactly("access_log.file: unknown key (expected: one of enabled, path)");
        assertThat(errors("access_log: {enable: true}\n" + PROXY))
                .containsExactly("access_log.enable: unknown key (expected: enabled)");
    }

    @Test
    void everyBadValueIsReportedWithItsPath() {
        String path = "- for standard output, or a file path (at most 4096 characters, no control characters)";
        assertThat(errors("access_log: {enabled: yes please, path: 7}\n" + PROXY)).containsExactly(
                "access_log.enabled: \"yes please\" (expected: true or false)",
                "access_log.path: 7 (expected: " + path + ")");
        assertThat(errors("access_log: {path: \" \"}\n" + PROXY)).containsExactly("access_log.path: \" \" (expected: " + path + ")");
        assertThat(errors("access_log: {path: \"a\\tb\"}\n" + PROXY)).containsExactly("access_log.path: \"a\\tb\" (expected: " + path + ")");
    }

    @Test
    void aBlockThatIsNoMappingIsAnError() {
        assertThat(errors("access_log: true\n" + PROXY)).containsExactly("access_log: true (expected: a mapping of enabled, path)");
    }
}
