package dev.synack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.testkit.StandInJava;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/synack}, the launcher of a source checkout: which JVM options it passes. It runs from a copy
 * of the checkout's layout with a jar newer than every source (so it builds nothing) and a stand-in
 * {@code java} that prints its arguments.
 */
class LauncherScriptTest {
    private static final Path REPO = Path.of(System.getProperty("synack.repo"));

    @TempDir
    Path dir;

    @Test
    void theCollectorIsParallelGcUnlessTheOptionsNameOne() throws Exception {
        String jar = dir.resolve("proxy/target/synack.jar").toString();
        assertThat(launch(null)).isEqualTo("-XX:+UseParallelGC -jar " + jar + " --version");
        assertThat(launch("-Xmx64m -Dsynack.log.level=debug"))
                .isEqualTo("-XX:+UseParallelGC -Xmx64m -Dsynack.log.level=debug -jar " + jar + " --version");
        assertThat(launch("-Xmx64m -XX:+UseG1GC")).isEqualTo("-Xmx64m -XX:+UseG1GC -jar " + jar + " --version");
        assertThat(launch("-XX:+UseSerialGC")).isEqualTo("-XX:+UseSerialGC -jar " + jar + " --version");
    }

    /** Runs the launcher with SYNACK_JAVA_OPTS set to {@code javaOpts} (unset when null); returns java's arguments. */
    private String launch(String javaOpts) throws Exception {
        Path scripts = Files.createDirectories(dir.resolve("scripts"));
        Files.copy(REPO.resolve("scripts/synack"), scripts.resolve("synack"), StandardCopyOption.REPLACE_EXISTING);
        Files.createDirectories(dir.resolve("proxy/src"));
        Path jar = Files.createDirectories(dir.resolve("proxy/target")).resolve("synack.jar");
        Files.write(jar, new byte[0]);
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));
        Map<String, String> env = javaOpts == null ? Map.of() : Map.of("SYNACK_JAVA_OPTS", javaOpts);
        return StandInJava.run(dir, List.of("bash", scripts.resolve("synack").toString(), "--version"), List.of("SYNACK_JAVA_OPTS"), env);
    }
}
