package dev.synack.config;

import static dev.synack.config.ConfigErrorMessagesTest.errorsOfLoad;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a config file: the size cap, UTF-8, and read problems, each one error in plain words. */
class ConfigFileTest {
    private static final String CONFIG = ConfigErrorMessagesTest.proxy("");
    private static final int CAP = 256 << 10;

    @TempDir
    Path dir;

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private Path write(String name, String content) throws IOException {
        return write(name, content.getBytes(StandardCharsets.UTF_8));
    }

    /** A config padded with comment lines to exactly {@code size} bytes. */
    private static String padded(int size) {
        StringBuilder sb = new StringBuilder(CONFIG);
        while (sb.length() < size) {
            int left = size - sb.length();
            sb.append(left == 1 ? "" : "#" + "c".repeat(Math.min(78, left - 2))).append('\n');
        }
        return sb.toString();
    }

    @Test
    void aConfigOfExactlyTheCapLoads() throws Exception {
        Path file = write("cap.yaml", padded(CAP));
        assertThat(Files.size(file)).isEqualTo(CAP);
        assertThat(ConfigLoader.load(file).proxies()).hasSize(1);
    }

    /** Before the cap, comments after the config were never read, so any amount of them loaded. */
    @Test
    void oneByteOverTheCapIsAnError() throws Exception {
        Path file = write("big.yaml", padded(CAP + 1));
        assertThat(errorsOfLoad(file)).containsExactly(file + ": larger than 256KiB (expected: a config of at most 256KiB)");
    }

    /**
     * A 10 MB scalar used to be rejected by the YAML parser after 18 s, 17 CPU-s and 1.4 GB. The bound is a
     * hang guard with a wide margin for a loaded machine, not a benchmark: it takes milliseconds now.
     */
    @Test
    void aHugeScalarIsRejectedAtOnce() throws Exception {
        Path file = write("scalar.yaml", "proxies: " + "x".repeat(10 << 20) + "\n");
        long start = System.nanoTime();
        assertThat(errorsOfLoad(file)).containsExactly(file + ": larger than 256KiB (expected: a config of at most 256KiB)");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    /** Only cap + 1 bytes are read: a 3 GiB (sparse) file is rejected as fast, without reading it. */
    @Test
    void aFileLargerThanMemoryIsNotReadWhole() throws Exception {
        Path file = dir.resolve("sparse.yaml");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(3L << 30);
        }
        assertThat(errorsOfLoad(file)).containsExactly(file + ": larger than 256KiB (expected: a config of at most 256KiB)");
    }

    @Test
    void textOverTheCapIsAnErrorToo() {
        assertThat(ConfigErrorMessagesTest.errors(padded(CAP + 1), "inline.yaml"))
                .containsExactly("inline.yaml: larger than 256KiB (expected: a config of at most 256KiB)");
    }

    @Test
    void invalidUtf8NamesWhere() throws Exception {
        byte[] latin1 = (CONFIG + "# caf\u00e9\n").getBytes(StandardCharsets.ISO_8859_1);
        Path file = write("latin1.yaml", latin1);
        assertThat(errorsOfLoad(file)).containsExactly(file + ":5:6: not valid UTF-8 (expected: a YAML or JSON file in UTF-8)");
    }

    @Test
    void aByteOrderMarkIsSkipped() throws Exception {
        assertThat(ConfigLoader.load(write("bom.yaml", "\uFEFF" + CONFIG)).proxies()).hasSize(1);
        String json = "\uFEFF{\"proxies\": [{\"name\": \"web\", \"listen\": \"127.0.0.1:18080\", \"upstream\": \"127.0.0.1:8080\"}]}";
        assertThat(ConfigLoader.load(write("bom.json", json)).proxies()).hasSize(1);
    }

    @Test
    void aMissingFile() {
        Path file = dir.resolve("none.yaml");
        assertThat(errorsOfLoad(file)).containsExactly(file + ": no such file (expected: a readable YAML or JSON file)");
    }

    @Test
    void aDirectory() {
        assertThat(errorsOfLoad(dir)).containsExactly(dir + ": a directory (expected: a readable YAML or JSON file)");
    }

    /** Tests run as root here, which reads any file, so the wording is checked on the exceptions themselves. */
    @Test
    void readProblemsInPlainWords() {
        assertThat(ConfigText.problem(new NoSuchFileException("/x"))).isEqualTo("no such file");
        assertThat(ConfigText.problem(new AccessDeniedException("/x"))).isEqualTo("permission denied");
        assertThat(ConfigText.problem(new FileSystemException("/x", null, "Input/output error")))
                .isEqualTo("cannot read: input/output error");
        assertThat(ConfigText.problem(new IOException())).isEqualTo("cannot read");
    }
}
