package dev.synack.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.config.HostPort;
import dev.synack.net.Transport;
import dev.synack.observe.CloseReason;
import dev.synack.observe.ConnectionSummary;
import dev.synack.testkit.ChildJvm;
import dev.synack.testkit.EachTransport;
import dev.synack.testkit.Ending;
import dev.synack.testkit.EventsOnFailure;
import dev.synack.testkit.RunningProxy;
import dev.synack.testkit.ScriptedUpstream;
import dev.synack.testkit.TestConfigs;
import dev.synack.testkit.TestSocket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A peer killed with SIGKILL mid-transfer ({@link KillablePeer}, a process of its own): the other side must
 * see through synack what it sees over a direct connection. The kernel closes a killed process's socket
 * with a FIN after the data it had queued when nothing waits unread in it, and with an RST when something
 * does; synack passes on either as it came, so:
 * <ul>
 * <li>a service killed while sending: the client reads an intact prefix of the stream, then EOF
 *     ({@code service_fin});</li>
 * <li>a service killed with the client's bytes unread: the client reads an RST ({@code service_rst});</li>
 * <li>a client killed while sending: the service reads an intact prefix, then EOF ({@code client_fin});</li>
 * <li>a client killed with the service's bytes unread: the service reads an RST ({@code client_rst}).</li>
 * </ul>
 * Through synack the bytes the other side got are also the bytes synack's record counts.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@ExtendWith(EventsOnFailure.class)
class SigkillTest {
    /** Kill once this much has arrived: well into the transfer, past every buffer on the way. */
    private static final long MID = 4L << 20;
    /**
     * What the peer that never reads is sent: written whole before the kill (socket buffers take it), so no
     * write is in flight when the RST comes. A failing write would take the socket's error and leave the
     * read to see a plain EOF.
     */
    private static final int UNREAD = 64 * 1024;
    /** Each case's direct connection, seen once and compared with every transport's proxied one. */
    private static final Map<Case, PositionalStream.View> DIRECT = new ConcurrentHashMap<>();

    private enum Case {
        SERVICE_SENDING("listen-send", Ending.EOF, CloseReason.SERVICE_FIN),
        SERVICE_HOLDING_UNREAD("listen-hold", Ending.RESET, CloseReason.SERVICE_RST),
        CLIENT_SENDING("connect-send", Ending.EOF, CloseReason.CLIENT_FIN),
        CLIENT_HOLDING_UNREAD("connect-hold", Ending.RESET, CloseReason.CLIENT_RST);

        final String mode;
        final Ending seen;
        final CloseReason reason;

        Case(String mode, Ending seen, CloseReason reason) {
            this.mode = mode;
            this.seen = seen;
            this.reason = reason;
        }

        boolean killsService() {
            return mode.startsWith("listen");
        }
    }

    @EachTransport
    void serviceKilledWhileSending(Transport t) throws Exception {
        compare(Case.SERVICE_SENDING, t);
    }

    @EachTransport
    void serviceKilledWithUnreadBytes(Transport t) throws Exception {
        compare(Case.SERVICE_HOLDING_UNREAD, t);
    }

    @EachTransport
    void clientKilledWhileSending(Transport t) throws Exception {
        compare(Case.CLIENT_SENDING, t);
    }

    @EachTransport
    void clientKilledWithUnreadBytes(Transport t) throws Exception {
        compare(Case.CLIENT_HOLDING_UNREAD, t);
    }

    private static void compare(Case c, Transport t) throws Exception {
        PositionalStream.View direct = DIRECT.get(c);
        if (direct == null) {
            direct = c.killsService() ? killService(c, null) : killClient(c, null);
            DIRECT.put(c, direct);
        }
        assertThat(direct.ending()).as("direct connection: %s", direct).isEqualTo(c.seen);
        assertThat(direct.intact()).as("direct connection: %s", direct).isTrue();

        PositionalStream.View proxied;
        ConnectionSummary record;
        RunningProxy[] proxy = new RunningProxy[1];
        try {
            proxied = c.killsService() ? killService(c, proxy(t, proxy)) : killClient(c, proxy(t, proxy));
            record = proxy[0].observer().awaitClosed(1).get(0);
        } finally {
            if (proxy[0] != null) {
                proxy[0].close();
            }
        }
        assertThat(proxied.ending()).as("through synack: %s; direct: %s", proxied, direct).isEqualTo(direct.ending());
        assertThat(proxied.intact()).as("through synack: %s", proxied).isTrue();
        assertThat(record.reason()).as("%s", record).isEqualTo(c.reason);
        if (c.seen == Ending.EOF) {
            assertThat(proxied.bytes()).as("bytes past the kill").isGreaterThanOrEqualTo(MID);
            long relayed = c.killsService() ? record.bytesServiceToClient() : record.bytesClientToService();
            assertThat(relayed).as("synack's count is what the other side got").isEqualTo(proxied.bytes());
        }
    }

    /** Where the peer-to-be-killed's counterpart connects: directly, or through a proxy started here. */
    private interface Route {
        InetSocketAddress via(HostPort target) throws Exception;
    }

    private static Route proxy(Transport t, RunningProxy[] started) {
        return target -> {
            started[0] = RunningProxy.start(TestConfigs.proxy(t, target));
            return started[0].address();
        };
    }

    /** The killed peer is the service; the test is the client. */
    private static PositionalStream.View killService(Case c, Route route) throws Exception {
        try (ChildJvm peer = ChildJvm.start(KillablePeer.class, c.mode)) {
            int port = Integer.parseInt(peer.awaitLine("port ", 30).substring(5));
            HostPort service = new HostPort("127.0.0.1", port);
            InetSocketAddress target = route == null ? new InetSocketAddress("127.0.0.1", port) : route.via(service);
            try (SocketChannel client = SocketChannel.open(target)) {
                if (c == Case.SERVICE_SENDING) {
                    return PositionalStream.read(client, MID, n -> kill(peer));
                }
                PositionalStream.write(client, UNREAD);
                peer.awaitLine("unread ", 30);
                kill(peer);
                return PositionalStream.read(client, -1, null);
            }
        }
    }

    /** The killed peer is the client; the test is the service. */
    private static PositionalStream.View killClient(Case c, Route route) throws Exception {
        try (ScriptedUpstream service = ScriptedUpstream.start()) {
            InetSocketAddress target = route == null ? service.address() : route.via(service.hostPort());
            try (ChildJvm peer = ChildJvm.start(KillablePeer.class, c.mode, "127.0.0.1", Integer.toString(target.getPort()))) {
                TestSocket accepted = service.nextConnection();
                if (c == Case.CLIENT_SENDING) {
                    return PositionalStream.read(accepted.channel(), MID, n -> kill(peer));
                }
                PositionalStream.write(accepted.channel(), UNREAD);
                peer.awaitLine("unread ", 30);
                kill(peer);
                return PositionalStream.read(accepted.channel(), -1, null);
            }
        }
    }

    private static void kill(ChildJvm peer) {
        try {
            peer.kill("KILL");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
