package dev.synack.fault.builtin;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether this process holds CAP_NET_ADMIN, which TCP_REPAIR and nftables need: read from the
 * effective capability set in /proc/self/status, as the kernel sees it (root that dropped it counts
 * as unprivileged).
 */
final class NetAdmin {
    private static final int CAP_NET_ADMIN = 12;

    private NetAdmin() {}

    static boolean held() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("CapEff:")) {
                    return new BigInteger(line.substring("CapEff:".length()).trim(), 16).testBit(CAP_NET_ADMIN);
                }
            }
        } catch (IOException | NumberFormatException | SecurityException e) {
            // No /proc: assume the restrictive case, so the fault fails up front rather than on a connection.
            return false;
        }
        return false;
    }
}
