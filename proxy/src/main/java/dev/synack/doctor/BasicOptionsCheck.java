package dev.synack.doctor;

import dev.synack.config.SocketOption;
import dev.synack.config.SocketSpec;
import dev.synack.config.Units;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Says what the options no sysctl governs will do: nodelay, linger, quickack, tos, user_timeout and
 * notsent_lowat. The kernel still shapes some of them: it clears the ECN bits of IP_TOS on TCP sockets,
 * and leaves quick-ACK mode on its own.
 */
final class BasicOptionsCheck implements Check {
    /** The low two bits of the TOS byte are ECN, which TCP owns (measured here: 0x13 reads back 0x10). */
    static final int ECN_MASK = 0x03;

    @Override
    public void check(Side side, List<DoctorFinding> out) {
        SocketSpec s = side.spec();
        if (s.nodelay() != null) {
            out.add(side.ok("nodelay", s.nodelay().toString(), s.nodelay()
                    ? "Nagle off: small writes leave at once"
                    : "Nagle on: small writes wait while earlier data is unacknowledged"));
        }
        if (s.linger() != null) {
            out.add(linger(side, s.linger()));
        }
        if (s.quickack() != null) {
            out.add(s.quickack()
                    ? side.adjusted("quickack", "true", "not sticky: the kernel returns to delayed ACKs on its own after"
                            + " a while, so quick-ACK mode holds only briefly after each time it is set", "")
                    : side.ok("quickack", "false", "delayed ACKs, the kernel's default"));
        }
        if (s.tos() != null && side.canApply(SocketOption.TOS)) {
            out.add(tos(side, s.tos()));
        }
        if (s.userTimeout() != null && side.canApply(SocketOption.USER_TIMEOUT)) {
            out.add(userTimeout(side, s.userTimeout()));
        }
        if (s.notsentLowat() != null && side.canApply(SocketOption.NOTSENT_LOWAT)) {
            out.add(side.ok("notsent_lowat", Units.formatSize(s.notsentLowat()), "the socket reports writable only while"
                    + " fewer than " + Units.formatSize(s.notsentLowat()) + " written bytes are still unsent"));
        }
    }

    private static DoctorFinding linger(Side side, Duration linger) {
        String shown = Units.formatDuration(linger);
        if (linger.isZero()) {
            return side.ok("linger", shown, "every close sends an RST and discards unsent data");
        }
        if (linger.toMillis() % 1000 != 0) {
            return side.adjusted("linger", shown, "SO_LINGER takes whole seconds: effective "
                    + Units.formatDuration(Duration.ofSeconds(linger.toSeconds()), ChronoUnit.SECONDS), "");
        }
        return side.ok("linger", shown, "close waits up to " + shown + " for unsent data to be acknowledged");
    }

    private static DoctorFinding tos(Side side, int tos) {
        String shown = String.format("0x%02x", tos);
        if ((tos & ECN_MASK) != 0) {
            return side.adjusted("tos", shown, "the kernel keeps the low two (ECN) bits for TCP: effective "
                    + String.format("0x%02x", tos & ~ECN_MASK), "");
        }
        return side.ok("tos", shown, "packets leave with this TOS / traffic class");
    }

    private static DoctorFinding userTimeout(Side side, Duration timeout) {
        String shown = Units.formatDuration(timeout);
        if (timeout.isNegative()) {
            return side.wontApply("user_timeout", shown, "the kernel refuses a negative TCP_USER_TIMEOUT (EINVAL)",
                    "set user_timeout to 0 or more");
        }
        if (timeout.isZero()) {
            return side.ok("user_timeout", shown, "off: the kernel's retransmission limit (net.ipv4.tcp_retries2) decides");
        }
        return side.ok("user_timeout", shown, "data unacknowledged for " + shown
                + " aborts the connection (ETIMEDOUT); it also bounds keepalive probing");
    }
}
