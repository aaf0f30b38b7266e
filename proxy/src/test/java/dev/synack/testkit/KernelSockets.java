package dev.synack.testkit;

import dev.synack.mirror.model.LinuxTcpState;
import dev.synack.net.ProcNetTcp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kernel's view of one socket, found by its 4-tuple: its row of /proc/net/tcp{,6} (state, queues,
 * timer) through {@link ProcNetTcp}, and what {@code ss -ti} says of it (retransmissions). A socket the
 * kernel no longer holds has no row.
 */
public final class KernelSockets {
    private static final Pattern RETRANS = Pattern.compile("\\bretrans:\\d+/(\\d+)");

    private KernelSockets() {}

    /** The row of the socket bound to {@code local} and connected to {@code remote}, if the kernel holds one. */
    public static Optional<ProcNetTcp.Row> row(InetSocketAddress local, InetSocketAddress remote) {
        try {
            return ProcNetTcp.scan().find(local, remote);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The socket's state, or empty when the kernel holds no such socket. */
    public static Optional<LinuxTcpState> state(InetSocketAddress local, InetSocketAddress remote) {
        return row(local, remote).flatMap(r -> LinuxTcpState.ofCode(r.state()));
    }

    /**
     * Segments the socket has retransmitted over its life (tcpi_total_retrans, as {@code ss -ti} prints
     * it); 0 when ss shows none.
     */
    public static long totalRetransmits(InetSocketAddress local, InetSocketAddress remote) {
        String info = ss(local, remote);
        Matcher m = RETRANS.matcher(info);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    /** {@code ss -tni} of the one socket with this 4-tuple (its two lines joined), or "" when ss lists none. */
    public static String ss(InetSocketAddress local, InetSocketAddress remote) {
        String filter = "src " + local.getAddress().getHostAddress() + ":" + local.getPort()
                + " and dst " + remote.getAddress().getHostAddress() + ":" + remote.getPort();
        try {
            Process p = new ProcessBuilder("ss", "-tni", "state", "all", filter).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("ss did not finish within 10 s");
            }
            return out.lines().filter(l -> !l.startsWith("State")).reduce("", (a, b) -> a + " " + b.strip()).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while ss ran", e);
        }
    }
}
