package dev.synack.mirror;

import dev.synack.mirror.model.LinuxTcpState;
import dev.synack.net.ProcNetTcp;
import dev.synack.observe.TcpInfo;
import dev.synack.observe.ConnectionInfo;
import dev.synack.observe.Side;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A kernel the test scripts: per socket, what tcp_info says while the fd is open and which /proc row the
 * 4-tuple has (none: gone). Counts scans, so a test can check that one poll scans once, and only when needed.
 */
final class FakeKernel implements KernelProbe {
    private final Map<String, TcpInfo> tcpInfo = new HashMap<>();
    private final Map<String, ProcNetTcp.Row> rows = new HashMap<>();
    int scans;
    /** tcp_info reads of open fds, each a getsockopt on a real socket. */
    int tcpInfoReads;
    boolean nio;

    /** Sets the kernel state of a socket: tcp_info (unless NIO) and its /proc row. */
    void state(FakeConnection c, Side side, LinuxTcpState s) {
        tcpInfo.put(key(c, side), tcpInfo(s.code(), 0, 0, 0));
        row(c, side, s, 0);
    }

    void tcpInfo(FakeConnection c, Side side, TcpInfo info) {
        tcpInfo.put(key(c, side), info);
    }

    /** Only the /proc row (what a closed fd leaves), with the kernel's timer ticks for TIME_WAIT. */
    void row(FakeConnection c, Side side, LinuxTcpState s, long timerTicks) {
        rows.put(tuple(c.localAddress(side), c.remoteAddress(side)), new ProcNetTcp.Row(true, c.localAddress(side),
                c.remoteAddress(side), s.code(), 0, 0, timerTicks > 0 ? ProcNetTcp.Row.TIMER_TIME_WAIT : 0, timerTicks, 0));
    }

    /** The /proc row of a socket with unread bytes in its receive queue. */
    void rowWithUnread(FakeConnection c, Side side, LinuxTcpState s, int rxQueue) {
        rows.put(tuple(c.localAddress(side), c.remoteAddress(side)), new ProcNetTcp.Row(true, c.localAddress(side),
                c.remoteAddress(side), s.code(), 0, rxQueue, 0, 0, 42));
    }

    /** The kernel forgot the socket: no row. */
    void gone(FakeConnection c, Side side) {
        rows.remove(tuple(c.localAddress(side), c.remoteAddress(side)));
    }

    @Override
    public Optional<TcpInfo> tcpInfo(ConnectionInfo c, Side side) {
        FakeConnection f = (FakeConnection) c;
        tcpInfoReads += nio || f.fdClosed(side) ? 0 : 1;
        return nio || f.fdClosed(side) ? Optional.empty() : Optional.ofNullable(tcpInfo.get(key(f, side)));
    }

    /** Like the real probe's scan, it holds only the rows asked for. */
    @Override
    public KernelTable scan(ScanRequest wanted) {
        scans++;
        Map<String, ProcNetTcp.Row> copy = new HashMap<>(rows);
        return new KernelTable() {
            @Override
            public Optional<ProcNetTcp.Row> find(InetSocketAddress local, InetSocketAddress remote) {
                return wanted.covers(local, remote) ? Optional.ofNullable(copy.get(tuple(local, remote))) : Optional.empty();
            }

            @Override
            public boolean covers(InetSocketAddress local, InetSocketAddress remote) {
                return wanted.covers(local, remote);
            }
        };
    }

    private static String key(FakeConnection c, Side side) {
        return c.id() + "/" + side;
    }

    private static String tuple(InetSocketAddress local, InetSocketAddress remote) {
        return local + "-" + remote;
    }

    /** A tcp_info with every field 0 but these. */
    static TcpInfo tcpInfo(int state, int options, int unacked, int probes) {
        try {
            RecordComponent[] parts = TcpInfo.class.getRecordComponents();
            Object[] values = new Object[parts.length];
            Class<?>[] types = new Class<?>[parts.length];
            for (int i = 0; i < parts.length; i++) {
                types[i] = parts[i].getType();
                values[i] = switch (parts[i].getName()) {
                    case "state" -> state;
                    case "options" -> options;
                    case "unacked" -> unacked;
                    case "probes" -> probes;
                    case "rtt" -> 40;
                    default -> types[i] == boolean.class ? false : types[i] == long.class ? (Object) 0L : (Object) 0;
                };
            }
            Constructor<TcpInfo> ctor = TcpInfo.class.getDeclaredConstructor(types);
            return ctor.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
