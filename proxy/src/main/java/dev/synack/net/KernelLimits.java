package dev.synack.net;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The few sysctls that explain why an effective option differs from the requested one, read once per
 * process (they are per network namespace, and a process stays in its namespace). -1 when unreadable.
 */
record KernelLimits(int rmemMax, int wmemMax, int somaxconn, int tcpFastopen) {
    private static volatile KernelLimits current;

    static KernelLimits current() {
        KernelLimits k = current;
        if (k == null) {
            k = new KernelLimits(read("net/core/rmem_max"), read("net/core/wmem_max"),
                    read("net/core/somaxconn"), read("net/ipv4/tcp_fastopen"));
            current = k;
        }
        return k;
    }

    private static int read(String name) {
        // Files.readString/readAllBytes return only the first byte of a /proc/sys file on this JDK (the
        // file reports size 0); a stream reads it whole.
        try (InputStream in = Files.newInputStream(Path.of("/proc/sys", name))) {
            return Integer.parseInt(new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }
}
