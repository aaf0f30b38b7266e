package dev.synack.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Reads kernel sysctls from a /proc/sys tree (the real one, or a directory that stands in for it in tests).
 * Nothing is cached: every read sees the file as it is now, so a fix applied with {@code sysctl -w} shows
 * on the next examination.
 */
public final class Sysctls {
    /** Dotted names only: a name cannot climb out of the root or name a directory. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_\\-]+(\\.[A-Za-z0-9_\\-]+)*");

    /** More than any sysctl holds (the longest, lists of names, stay well under a page). */
    private static final int READ_SIZE = 16 * 1024;

    private final Path root;

    public Sysctls(Path root) {
        this.root = root;
    }

    /** The running kernel's sysctls, as seen from this process's network namespace. */
    public static Sysctls system() {
        return new Sysctls(Path.of("/proc/sys"));
    }

    /** The directory the sysctls are read from. */
    public Path root() {
        return root;
    }

    /** The file that holds a sysctl: {@code net.ipv4.tcp_fastopen} is {@code net/ipv4/tcp_fastopen} under the root. */
    public Path fileOf(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a sysctl name: " + name);
        }
        return root.resolve(name.replace('.', '/'));
    }

    /** The raw text of a sysctl such as {@code net.ipv4.tcp_fastopen}, trimmed; empty if it does not exist. */
    public Optional<String> read(String name) {
        Path file = fileOf(name);
        try (InputStream in = Files.newInputStream(file)) {
            return Optional.of(readWhole(in).trim());
        } catch (IOException | SecurityException e) {
            // Missing (another kernel, a container without the file) or unreadable: both mean "unknown here".
            return Optional.empty();
        }
    }

    /**
     * Reads a /proc/sys file, asking for the whole value in the first read: the kernel serves numeric
     * sysctls only at offset 0 and reports end-of-file for any read after it, so a reader that starts
     * with a short read (as {@code Files.readString} does on these zero-length files) sees just the
     * first digit, 4 for a somaxconn of 4096.
     */
    private static String readWhole(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[READ_SIZE];
        for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
            out.write(buffer, 0, n);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** A sysctl holding one integer; empty if it does not exist or does not hold exactly one integer. */
    public OptionalLong readLong(String name) {
        List<String> words = readWords(name);
        if (words.size() != 1) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(words.get(0)));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * A sysctl holding several integers (such as {@code net.ipv4.tcp_rmem} or
     * {@code net.ipv4.ip_local_port_range}); empty if it does not exist or a word is not an integer.
     */
    public Optional<long[]> readLongs(String name) {
        List<String> words = readWords(name);
        if (words.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(words.stream().mapToLong(Long::parseLong).toArray());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The whitespace-separated words of a sysctl (a list of congestion controls, say); empty if it does not exist. */
    public List<String> readWords(String name) {
        return read(name)
                .filter(text -> !text.isEmpty())
                .map(text -> Arrays.asList(text.split("\\s+")))
                .orElse(List.of());
    }
}
