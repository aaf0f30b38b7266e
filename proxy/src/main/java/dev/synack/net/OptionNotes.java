package dev.synack.net;

import dev.synack.config.KernelOption;
import dev.synack.config.SocketOption;

/**
 * Explains, option by option, the known reasons why the kernel's effective value differs from the one
 * asked for, or why an accepted value has no effect. Null when there is nothing to say.
 */
final class OptionNotes {
    private OptionNotes() {}

    /**
     * @param asked the requested value in kernel units (null when config did not set it)
     * @param raw the value the kernel reported, before rendering
     */
    static String note(SocketOption o, Object asked, Object raw, Transport t, KernelLimits k) {
        if (o == SocketOption.FAST_OPEN_CHILD) {
            return ((Integer) raw & KernelOption.TCPI_OPT_SYN_DATA) != 0 ? "accepted with data in the SYN" : null;
        }
        if (o == SocketOption.BACKLOG && !t.isNative()) {
            return "nio cannot read the backlog back from the kernel: shown as given to listen()";
        }
        if (asked == null) {
            return null;
        }
        return switch (o) {
            case RCVBUF -> buffer("SO_RCVBUF", "net.core.rmem_max", k.rmemMax(), (Integer) asked, (Integer) raw, t);
            case SNDBUF -> buffer("SO_SNDBUF", "net.core.wmem_max", k.wmemMax(), (Integer) asked, (Integer) raw, t);
            case DEFER_ACCEPT -> asked.equals(raw) ? null
                    : "the kernel counts SYN-ACK retransmissions, so it rounds up to their cumulative timeout (1s, 3s, 7s, 15s, ...)";
            case FAST_OPEN -> (Integer) asked > 0 && k.tcpFastopen() >= 0 && (k.tcpFastopen() & 2) == 0
                    ? "ignored by the kernel: net.ipv4.tcp_fastopen=" + k.tcpFastopen() + " lacks the server bit (2)" : null;
            case FAST_OPEN_CONNECT -> (Integer) asked > 0 && k.tcpFastopen() >= 0 && (k.tcpFastopen() & 1) == 0
                    ? "ignored by the kernel: net.ipv4.tcp_fastopen=" + k.tcpFastopen() + " lacks the client bit (1)" : null;
            case MAX_SEGMENT -> (Integer) raw < (Integer) asked
                    ? "a connected socket reports the MSS in use: at most the peer's, less TCP options (12 bytes of timestamps)" : null;
            case BACKLOG -> (Integer) raw < (Integer) asked && k.somaxconn() >= 0
                    ? "capped at net.core.somaxconn=" + k.somaxconn() : null;
            case QUICKACK -> asked.equals(raw) ? null : "not sticky: the kernel leaves quick-ack mode on its own";
            case TOS -> asked.equals(raw) ? null : "the kernel keeps the two ECN bits to itself";
            default -> null;
        };
    }

    private static String buffer(String opt, String sysctl, int max, int asked, int raw, Transport t) {
        String jdk = t.isNative() ? "" : "; the JDK reports half of it";
        if (max > 0 && asked > max && raw == 2 * max) {
            return "capped at " + sysctl + "=" + max + ", then doubled by the kernel" + jdk;
        }
        if (raw == 2 * asked) {
            return "the kernel doubles " + opt + " to leave room for its bookkeeping" + jdk;
        }
        return jdk.isEmpty() ? null : jdk.substring(2);
    }
}
