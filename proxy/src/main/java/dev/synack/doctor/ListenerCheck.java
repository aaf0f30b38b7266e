package dev.synack.doctor;

import dev.synack.config.SocketOption;
import dev.synack.config.SocketSpec;
import dev.synack.config.Units;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * Checks the listener-only options: the accept backlog against {@code net.core.somaxconn} (with the SYN
 * queue's own limits for context), TCP_DEFER_ACCEPT's rounding and SO_REUSEPORT; on the upstream side
 * these options have no listener to apply to.
 */
final class ListenerCheck implements Check {
    static final String SOMAXCONN = "net.core.somaxconn";
    static final String MAX_SYN_BACKLOG = "net.ipv4.tcp_max_syn_backlog";
    static final String SYNCOOKIES = "net.ipv4.tcp_syncookies";

    @Override
    public void check(Side side, List<DoctorFinding> out) {
        SocketSpec spec = side.spec();
        if (!side.listener()) {
            listenerOnly(side, "backlog", spec.backlog(), out);
            listenerOnly(side, "reuse_port", spec.reusePort(), out);
            listenerOnly(side, "defer_accept", spec.deferAccept(), out);
            return;
        }
        backlog(side, spec.backlog(), out);
        if (spec.deferAccept() != null && side.canApply(SocketOption.DEFER_ACCEPT)) {
            out.add(deferAccept(side, spec.deferAccept()));
        }
        if (spec.reusePort() != null) {
            out.add(side.ok("reuse_port", spec.reusePort().toString(), spec.reusePort()
                    ? "several listeners may bind this address; the kernel spreads new connections across them"
                    : "only one listener may bind this address"));
        }
    }

    private static void listenerOnly(Side side, String option, Object value, List<DoctorFinding> out) {
        if (value != null) {
            String shown = value instanceof Duration d ? Units.formatDuration(d) : value.toString();
            out.add(side.wontApply(option, shown, "applies only to the listener; sockets to the service have none",
                    "move " + option + " under downstream"));
        }
    }

    private static void backlog(Side side, Integer backlog, List<DoctorFinding> out) {
        String shown = backlog == null ? "unset" : backlog.toString();
        OptionalLong somaxconn = side.sysctls().readLong(SOMAXCONN);
        if (somaxconn.isEmpty()) {
            out.add(side.unreadable("backlog", shown, SOMAXCONN));
        } else if (backlog == null) {
            out.add(side.info("backlog", shown, "not set: Netty asks for " + SOMAXCONN + " (" + somaxconn.getAsLong()
                    + "), read when it starts"));
        } else if (backlog > somaxconn.getAsLong()) {
            out.add(side.adjusted("backlog", shown, "capped at " + SOMAXCONN + "=" + somaxconn.getAsLong()
                    + ": at most that many handshaken connections wait for accept", Format.sysctlW(SOMAXCONN, backlog)));
        } else {
            out.add(side.ok("backlog", shown, "up to " + backlog + " handshaken connections wait for accept"));
        }
        OptionalLong synBacklog = side.sysctls().readLong(MAX_SYN_BACKLOG);
        out.add(synBacklog.isEmpty()
                ? side.info("backlog", shown, Format.notReadable(side.sysctls(), MAX_SYN_BACKLOG))
                : side.info("backlog", shown, MAX_SYN_BACKLOG + "=" + synBacklog.getAsLong()
                        + ": half-open connections (SYN received, no ACK yet) kept at most"));
        out.add(syncookies(side, shown));
    }

    private static DoctorFinding syncookies(Side side, String shown) {
        OptionalLong cookies = side.sysctls().readLong(SYNCOOKIES);
        if (cookies.isEmpty()) {
            return side.info("backlog", shown, Format.notReadable(side.sysctls(), SYNCOOKIES));
        }
        return side.info("backlog", shown, SYNCOOKIES + "=" + cookies.getAsLong() + ": " + KernelFacts.syncookies(cookies.getAsLong()));
    }

    private static DoctorFinding deferAccept(Side side, Duration deferAccept) {
        String shown = Units.formatDuration(deferAccept);
        long seconds = deferAccept.toSeconds();
        if (seconds <= 0) {
            return side.ok("defer_accept", shown, "off: connections are accepted as soon as the handshake completes");
        }
        long effective = DeferAccept.rounded(seconds);
        String why = "the kernel counts it in SYN-ACK retransmissions (1s, 3s, 7s, 15s, ... then +120s each),"
                + " so it reads back as " + effective + "s; a connection waits that long for its first data before accept";
        return effective == seconds && deferAccept.toMillis() % 1000 == 0
                ? side.ok("defer_accept", shown, why)
                : side.adjusted("defer_accept", shown, why, "");
    }
}
