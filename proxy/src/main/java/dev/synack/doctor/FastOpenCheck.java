package dev.synack.doctor;

import dev.synack.config.SocketOption;
import java.util.List;
import java.util.OptionalLong;

/**
 * Checks TCP Fast Open against {@code net.ipv4.tcp_fastopen}: bit 1 lets clients send data in the SYN,
 * bit 2 lets listeners accept it. Without the bit the kernel takes the socket option and ignores it.
 */
final class FastOpenCheck implements Check {
    static final String SYSCTL = "net.ipv4.tcp_fastopen";
    private static final int CLIENT = 1;
    private static final int SERVER = 2;

    @Override
    public void check(Side side, List<DoctorFinding> out) {
        Integer fastOpen = side.spec().fastOpen();
        if (fastOpen == null || !side.canApply(side.listener() ? SocketOption.FAST_OPEN : SocketOption.FAST_OPEN_CONNECT)) {
            return;
        }
        String requested = fastOpen.toString();
        if (fastOpen <= 0) {
            out.add(side.ok("fast_open", requested, side.listener() ? "TFO off on the listener" : "TFO off for connections to the service"));
            return;
        }
        OptionalLong sysctl = side.sysctls().readLong(SYSCTL);
        if (sysctl.isEmpty()) {
            out.add(side.unreadable("fast_open", requested, SYSCTL));
            return;
        }
        long bits = sysctl.getAsLong();
        if (side.listener()) {
            out.add(server(side, requested, bits));
        } else {
            out.add(client(side, requested, bits));
        }
    }

    private static DoctorFinding server(Side side, String requested, long bits) {
        if ((bits & SERVER) == 0) {
            return side.wontApply("fast_open", requested, SYSCTL + "=" + bits
                    + " lacks the server bit (2): the listener gets no TFO queue and every SYN's data waits for the handshake;"
                    + " restart synack after the fix (Netty reads the sysctl when the JVM starts)",
                    Format.sysctlW(SYSCTL, bits | CLIENT | SERVER));
        }
        if (side.jvm().tfoServer(side.transport()).filter(known -> !known).isPresent()) {
            return side.wontApply("fast_open", requested, SYSCTL + "=" + bits + " has the server bit now, but this JVM's"
                    + " Netty read it without when it started, so it sets no TFO queue on the listener", "restart synack");
        }
        return side.ok("fast_open", requested, SYSCTL + "=" + bits + " has the server bit: the listener queues up to "
                + requested + " TFO requests; a client's first connection gets a cookie, later ones carry data in the SYN"
                + " (the sysctl must have been set before synack started)");
    }

    private static DoctorFinding client(Side side, String requested, long bits) {
        if ((bits & CLIENT) == 0) {
            return side.wontApply("fast_open", requested, SYSCTL + "=" + bits
                    + " lacks the client bit (1): connections to the service never send data in the SYN",
                    Format.sysctlW(SYSCTL, bits | CLIENT));
        }
        return side.ok("fast_open", requested, SYSCTL + "=" + bits + " has the client bit: the first connection to the"
                + " service fetches a cookie, later ones send data in the SYN if the service accepts TFO");
    }
}
