package dev.synack.doctor;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tells whether this process holds CAP_NET_ADMIN, which lets it pick any loaded congestion control (and
 * lets the kernel load one on demand). Read from the effective capability set in /proc/self/status, so
 * a root process that dropped the capability counts as unprivileged, as the kernel sees it.
 */
final class Privilege {
    private static final int CAP_NET_ADMIN = 12;

    private Privilege() {}

    static boolean hasNetAdmin() {
        return hasNetAdmin(Path.of("/proc/self/status"));
    }

    /** Reads the {@code CapEff:} line of a status file; false when it cannot be read. */
    static boolean hasNetAdmin(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("CapEff:")) {
                    return new BigInteger(line.substring("CapEff:".length()).trim(), 16).testBit(CAP_NET_ADMIN);
                }
            }
        } catch (IOException | NumberFormatException | SecurityException e) {
            // No /proc here: assume the restrictive case, so the doctor warns rather than promises.
            return false;
        }
        return false;
    }
}
