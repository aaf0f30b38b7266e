package dev.synack.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

/** {@code buffers.splice}: {@code off} unless asked for, {@code auto} or {@code off}, anything else an error naming both. */
class SpliceConfigTest {
    private static BufferSpec buffers(String block) throws ConfigException {
        return ConfigLoader.parse(ConfigErrorMessagesTest.proxy(block), "splice.yaml").proxies().get(0).buffers();
    }

    @Test
    void offUnlessAskedFor() throws ConfigException {
        assertThat(buffers("").splice()).isEqualTo(SpliceMode.OFF);
        assertThat(buffers("buffers: {read_size: 256KiB}\n")).isEqualTo(new BufferSpec(256 * 1024, 256 * 1024, 128 * 1024, SpliceMode.OFF));
    }

    @Test
    void autoAndOffAreRead() throws ConfigException {
        assertThat(buffers("buffers: {splice: auto}\n").splice()).isEqualTo(SpliceMode.AUTO);
        assertThat(buffers("buffers: {splice: \"off\", read_size: 64KiB}\n"))
                .isEqualTo(new BufferSpec(64 * 1024, 256 * 1024, 128 * 1024, SpliceMode.OFF));
        assertThat(buffers("buffers: {splice: off}\n").splice()).as("YAML's bare off").isEqualTo(SpliceMode.OFF);
    }

    @Test
    void anythingElseIsAnError() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> buffers("buffers: {splice: always}\n"));
        assertThat(e.errors()).extracting(ConfigError::toString)
                .containsExactly("proxies[0].buffers.splice: \"always\" (expected: one of auto, off)");
    }
}
