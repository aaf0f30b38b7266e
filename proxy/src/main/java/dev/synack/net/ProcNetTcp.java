package dev.synack.net;

import java.io.IOException;
import java.io.InputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One scan of the kernel's TCP socket tables, /proc/net/tcp (AF_INET) and /proc/net/tcp6 (AF_INET6, which
 * includes Java's dual-stack sockets), indexed by 4-tuple. It is the only view of a socket after its
 * descriptor is closed, while the kernel finishes the close on its own.
 *
 * <p>Reading the tables costs the kernel ~20 ms per 1,000 rows (it walks the whole hash table, other
 * processes' sockets included), so scan once per interval and look many sockets up in the result rather
 * than reading per socket. States are Linux's raw codes; {@code mirror.model.LinuxTcpState} names them.
 */
public final class ProcNetTcp {
    /** USER_HZ, the unit the kernel prints timer expiries in (clock ticks); 100 on every Linux ABI. */
    private static final int USER_HZ = 100;

    /**
     * One row of either table. {@code state} is the kernel's state code as printed, uninterpreted;
     * {@code tcp6} says the row came from /proc/net/tcp6 (an AF_INET6 socket, even with IPv4 addresses).
     */
    public record Row(boolean tcp6, InetSocketAddress local, InetSocketAddress remote, int state,
                      int txQueue, int rxQueue, int timer, long timerTicks, long inode) {
        /** Timer kinds of the {@code tr} column. */
        public static final int TIMER_NONE = 0;
        public static final int TIMER_RETRANSMIT = 1;
        /** The socket's own timer: keepalive, or tcp_fin_timeout for an orphan awaiting the peer's FIN. */
        public static final int TIMER_KEEPALIVE = 2;
        public static final int TIMER_TIME_WAIT = 3;
        public static final int TIMER_ZERO_WINDOW_PROBE = 4;

        /** How long until the timer fires (0 when none is pending or it is due). */
        public Duration timerExpiry() {
            return Duration.ofMillis(timerTicks * 1000 / USER_HZ);
        }
    }

    /**
     * Which rows a scan keeps, by port pair: a scan for a few sockets among a host's tens of thousands
     * skips the rest without making an object of them.
     */
    @FunctionalInterface
    public interface PortFilter {
        /** Every row. */
        PortFilter ALL = (localPort, remotePort) -> true;

        boolean wants(int localPort, int remotePort);
    }

    private record FourTuple(InetSocketAddress local, InetSocketAddress remote) {}

    private final List<Row> rows;
    private final Map<FourTuple, Row> byFourTuple;

    private ProcNetTcp(List<Row> rows) {
        this.rows = Collections.unmodifiableList(rows);
        this.byFourTuple = new HashMap<>(rows.size() * 2);
        for (Row row : rows) {
            byFourTuple.putIfAbsent(new FourTuple(row.local(), row.remote()), row);
        }
    }

    /** Scans this process's network namespace. */
    public static ProcNetTcp scan() throws IOException {
        return scan(Path.of("/proc"));
    }

    /**
     * Scans {@code net/tcp} and {@code net/tcp6} under {@code procRoot} (the real /proc, or a directory
     * that stands in for it). A missing tcp6 is an empty table (IPv6 disabled); a missing tcp is an error.
     */
    public static ProcNetTcp scan(Path procRoot) throws IOException {
        return scan(procRoot, ByteOrder.nativeOrder());
    }

    /**
     * Scans only the tables asked for ({@code tcp}: AF_INET sockets, {@code tcp6}: AF_INET6 ones) and keeps
     * only the rows {@code ports} wants. Each table costs the kernel a walk of every TCP socket of the
     * namespace and a line of text per socket of its family, so a table not needed is a saving.
     */
    public static ProcNetTcp scan(Path procRoot, boolean tcp, boolean tcp6, PortFilter ports) throws IOException {
        return scan(procRoot, ByteOrder.nativeOrder(), tcp, tcp6, ports);
    }

    /** Scans with addresses in {@code order}, the byte order of the kernel that wrote the files. */
    static ProcNetTcp scan(Path procRoot, ByteOrder order) throws IOException {
        return scan(procRoot, order, true, true, PortFilter.ALL);
    }

    private static ProcNetTcp scan(Path procRoot, ByteOrder order, boolean tcp, boolean tcp6s, PortFilter ports)
            throws IOException {
        List<Row> rows = new ArrayList<>();
        ProcNetTcpParser parser = new ProcNetTcpParser(order);
        for (boolean tcp6 : new boolean[] {false, true}) {
            if (tcp6 ? !tcp6s : !tcp) {
                continue;
            }
            Path table = procRoot.resolve(tcp6 ? "net/tcp6" : "net/tcp");
            try (InputStream in = Files.newInputStream(table)) {
                parser.parse(in, tcp6, table.toString(), ports, rows);
            } catch (NoSuchFileException e) {
                if (!tcp6) {
                    throw e;
                }
            }
        }
        return new ProcNetTcp(rows);
    }

    /**
     * The row of the socket with this 4-tuple. A connected socket's 4-tuple is unique; unconnected rows
     * (listeners sharing a port by SO_REUSEPORT, bound sockets) can share one, and then this is the first.
     * An IPv4-mapped IPv6 address matches the IPv4 address, as the scan records it.
     */
    public Optional<Row> find(InetSocketAddress local, InetSocketAddress remote) {
        return Optional.ofNullable(byFourTuple.get(new FourTuple(unmapped(local), unmapped(remote))));
    }

    /** Every row, /proc/net/tcp's first, each table in the kernel's order. */
    public List<Row> rows() {
        return rows;
    }

    public int size() {
        return rows.size();
    }

    private static InetSocketAddress unmapped(InetSocketAddress address) {
        if (address.getAddress() instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            if (ProcNetTcpParser.isV4Mapped(b)) {
                try {
                    return new InetSocketAddress(InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16)), address.getPort());
                } catch (UnknownHostException e) {
                    throw new IllegalStateException("four bytes are an IPv4 address", e);
                }
            }
        }
        return address;
    }
}
