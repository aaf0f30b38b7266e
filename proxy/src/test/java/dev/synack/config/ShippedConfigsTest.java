package dev.synack.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.fault.FaultConfigCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every config file the repository ships ({@code config/*.yaml}, {@code config/examples/*.yaml}) loads,
 * its faults included.
 */
class ShippedConfigsTest {

    private static Path repo() {
        String root = System.getProperty("synack.repo");
        assertThat(root).as("system property synack.repo (set by proxy/pom.xml)").isNotNull();
        return Path.of(root);
    }

    private static List<Path> shipped() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path dir : List.of(repo().resolve("config"), repo().resolve("config/examples"))) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.list(dir)) {
                    s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".json")).sorted().forEach(files::add);
                }
            }
        }
        return files;
    }

    @Test
    void theDefaultAndTheRequiredExamplesAreShipped() throws IOException {
        assertThat(shipped()).map(p -> repo().resolve("config").relativize(p).toString())
                .contains("synack.yaml", "examples/failover.yaml", "examples/tuned-sockets.yaml", "examples/limits.yaml",
                        "examples/fast-open.yaml", "examples/faults.yaml");
    }

    @TestFactory
    Stream<DynamicTest> everyShippedConfigLoads() throws IOException {
        return shipped().stream().map(file -> DynamicTest.dynamicTest(repo().relativize(file).toString(),
                () -> assertThat(FaultConfigCheck.check(ConfigLoader.load(file))).isEmpty()));
    }

    @Test
    void theDefaultConfigSaysWhatItsCommentsSay() throws ConfigException {
        SynackConfig c = ConfigLoader.load(repo().resolve("config/synack.yaml"));
        ProxySpec web = c.proxies().get(0);
        assertThat(web.listen()).isEqualTo(new HostPort("127.0.0.1", 18080));
        assertThat(web.upstreams()).containsExactly(new HostPort("127.0.0.1", 8080));
        assertThat(web.downstream().keepalive().enabled()).isTrue();
    }

    @Test
    void tunedSocketsSetsEveryOptionOnBothSides() throws ConfigException {
        ProxySpec p = ConfigLoader.load(repo().resolve("config/examples/tuned-sockets.yaml")).proxies().get(0);
        assertThat(p.downstream()).hasNoNullFieldsOrProperties();
        assertThat(p.upstreamSocket()).hasNoNullFieldsOrPropertiesExcept("backlog", "reusePort", "deferAccept");
    }

    @Test
    void aFileThatCannotBeReadIsOneError() {
        Path missing = repo().resolve("config/no-such-file.yaml");
        assertThat(ConfigErrorMessagesTest.errorsOfLoad(missing))
                .containsExactly(missing + ": no such file (expected: a readable YAML or JSON file)");
    }
}
