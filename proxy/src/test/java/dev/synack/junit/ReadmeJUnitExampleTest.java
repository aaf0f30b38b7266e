package dev.synack.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's JUnit 5 example is {@link SlowServiceTest}, which runs with the suite: the two stay the same text. */
class ReadmeJUnitExampleTest {
    @Test
    void theReadmeShowsTheTestThatRuns() throws Exception {
        Path repo = Path.of(System.getProperty("synack.repo"));
        String source = Files.readString(repo.resolve("proxy/src/test/java/dev/synack/junit/SlowServiceTest.java"));
        String example = source.substring(source.indexOf("import "));
        assertThat(Files.readString(repo.resolve("README.md"))).contains("```java\n" + example + "```\n");
    }
}
