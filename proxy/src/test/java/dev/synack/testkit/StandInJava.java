package dev.synack.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of synack's launcher scripts ({@code scripts/synack}, the image's {@code docker/synack}) with a
 * stand-in {@code java} first on the PATH that prints its arguments: what the script would start the JVM with.
 */
public final class StandInJava {
    private StandInJava() {
    }

    /**
     * Runs {@code command} with {@code unset} removed from the environment and {@code env} added, a stand-in
     * {@code java} in {@code dir/bin} first on the PATH; asserts a zero exit within 30 s and returns the output.
     */
    public static String run(Path dir, List<String> command, List<String> unset, Map<String, String> env) throws IOException, InterruptedException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/bin/sh\necho \"$@\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        unset.forEach(pb.environment()::remove);
        pb.environment().putAll(env);
        pb.environment().put("PATH", bin + ":" + pb.environment().get("PATH"));
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        return output;
    }
}
