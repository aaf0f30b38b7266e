package dev.synack.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

/** Configs read from the classpath, as the embedded demo config is. */
class ConfigResourceTest {

    @Test
    void readsAResource() throws ConfigException {
        SynackConfig c = ConfigLoader.parseResource("dev/synack/config/embedded.yaml");
        assertThat(c.proxies()).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("embedded");
            assertThat(p.listen()).isEqualTo(new HostPort("127.0.0.1", 0));
        });
        assertThat(ConfigLoader.parseResource("/dev/synack/config/embedded.yaml")).isEqualTo(c);
    }

    @Test
    void aMissingResourceIsOneError() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parseResource("no/such.yaml"));
        assertThat(e.errors()).extracting(ConfigError::toString)
                .containsExactly("classpath:no/such.yaml: not found (expected: a config resource on the classpath)");
    }
}
