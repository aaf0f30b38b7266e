package dev.synack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.config.ConfigException;
import dev.synack.config.ConfigLoader;
import dev.synack.config.SynackConfig;
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

/** Every {@code ```yaml} block of README.md is a complete config that loads, faults included. */
class ReadmeExamplesTest {
    private static final Path README = Path.of(System.getProperty("synack.repo"), "README.md");

    /** A fenced yaml block and the README line its text starts on. */
    record Example(int line, String text) {}

    @TestFactory
    Stream<DynamicTest> everyYamlBlockLoads() throws IOException {
        return examples().stream().map(e -> DynamicTest.dynamicTest("README.md line " + e.line(), () -> {
            try {
                SynackConfig config = ConfigLoader.parse(e.text(), "README.md:" + e.line());
                assertThat(config.proxies()).isNotEmpty();
                assertThat(FaultConfigCheck.check(config)).as("README.md line %d", e.line()).isEmpty();
            } catch (ConfigException ex) {
                throw new AssertionError("README.md yaml block at line " + e.line() + ": " + ex.getMessage(), ex);
            }
        }));
    }

    @Test
    void theReadmeHasExamples() throws IOException {
        assertThat(examples()).hasSizeGreaterThanOrEqualTo(3);
    }

    static List<Example> examples() throws IOException {
        List<String> lines = Files.readAllLines(README);
        List<Example> out = new ArrayList<>();
        StringBuilder block = null;
        int start = 0;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (block == null && l.strip().equals("```yaml")) {
                block = new StringBuilder();
                start = i + 2;
            } else if (block != null && l.strip().equals("```")) {
                out.add(new Example(start, block.toString()));
                block = null;
            } else if (block != null) {
                block.append(l).append('\n');
            }
        }
        assertThat(block).as("unclosed ```yaml block at README.md line %d", start).isNull();
        return out;
    }
}
