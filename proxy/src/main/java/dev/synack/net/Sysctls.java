package dev.synack.net;

import java.nio.file.Path;
import java.util.Optional;

/** Reads kernel sysctls from a /proc/sys tree (the real one, or a directory that stands in for it in tests). */
public final class Sysctls {
    private final Path root;

    public Sysctls(Path root) {
        this.root = root;
    }

    /** The running kernel's sysctls, as seen from this process's network namespace. */
    public static Sysctls system() {
        return new Sysctls(Path.of("/proc/sys"));
    }

    /** The raw text of a sysctl such as {@code net.ipv4.tcp_fastopen}, trimmed; empty if it does not exist. */
    public Optional<String> read(String name) {
        throw new UnsupportedOperationException("not yet");
    }
}
