package dev.synack.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.synack.app.Synack;
import dev.synack.config.FaultStream;
import dev.synack.config.HostPort;
import dev.synack.config.SocketSpec;
import dev.synack.net.Transport;
import dev.synack.net.TransportChoice;
import dev.synack.observe.CloseReason;
import dev.synack.observe.ConnectionInfo;
import dev.synack.observe.ConnectionObserver;
import dev.synack.observe.ConnectionSummary;
import dev.synack.observe.Peer;
import dev.synack.observe.Side;
import dev.synack.testkit.Digest;
import dev.synack.testkit.Ending;
import dev.synack.testkit.EventsOnFailure;
import dev.synack.testkit.FaultSpecs;
import dev.synack.testkit.Payload;
import dev.synack.testkit.Received;
import dev.synack.testkit.RecordingObserver;
import dev.synack.testkit.RecordingObserver.Kind;
import dev.synack.testkit.RunningProxy;
import dev.synack.testkit.ScriptedUpstream;
import dev.synack.testkit.TestConfigs;
import dev.synack.testkit.TestSocket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * synack's build of Netty's epoll channel (proxy/netty/netty-epoll-syscalls.patch) takes from what it knows
 * what Netty asks the kernel: a socket's family, the peer after connect, whether SO_LINGER can make a close
 * block; and it takes a peer's FIN without shutdown(SHUT_RD). Each test drives one of those paths over
 * loopback sockets on epoll and checks what the kernel's answer guaranteed: the channels' addresses and
 * both directions' bytes, the half-close, a positive linger's close off the event loop. The paths the
 * patch leaves as they were run on every transport elsewhere: HalfCloseTest (FIN either way first),
 * ResetTest (SO_LINGER 0 through the channel config, an RST), SocketFamilyTest (the sockets' families as
 * the kernel lists them), HostResolutionTest (named upstreams), IntegrityTest (256 MiB each way).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(EventsOnFailure.class)
class PatchedEpollChannelTest {
    private static final Payload REQUEST = Payload.of(100_000, 31);
    private static final Payload RESPONSE = Payload.mebibytes(4, 32);

    /** Sessions as observers see them once connected; their sockets' addresses stay readable after the close. */
    private static final class Connected implements ConnectionObserver {
        private final BlockingQueue<ConnectionInfo> sessions = new LinkedBlockingQueue<>();

        @Override
        public void connected(ConnectionInfo c, InetSocketAddress target, long connectNanos, long nanos) {
            sessions.add(c);
        }

        ConnectionInfo next() throws InterruptedException {
            ConnectionInfo c = sessions.poll(20, TimeUnit.SECONDS);
            assertThat(c).as("a session connected upstream").isNotNull();
            return c;
        }
    }

    @BeforeAll
    static void epollRunsHere() {
        assumeTrue(TransportChoice.available().contains(Transport.EPOLL), "the epoll transport is not available here");
    }

    @Test
    void theEpollClassesAreSynacksBuild() throws Exception {
        String[] classes = {"io.netty.channel.epoll.AbstractEpollChannel", "io.netty.channel.epoll.EpollServerSocketChannel",
            "io.netty.channel.epoll.EpollSocketChannel", "io.netty.channel.epoll.EpollSocketChannelConfig",
            "io.netty.channel.epoll.LinuxSocket", "io.netty.channel.unix.Socket"};
        Object synacks = Synack.class.getProtectionDomain().getCodeSource().getLocation();
        for (String name : classes) {
            assertThat(Class.forName(name).getProtectionDomain().getCodeSource().getLocation())
                    .as("where %s comes from", name).isEqualTo(synacks);
        }
        assertThat(io.netty.channel.unix.Socket.class.getMethod("markInputShutdown")).isNotNull();
    }

    static Stream<Arguments> families() {
        return Stream.of(
                Arguments.of("127.0.0.1", "127.0.0.1", "127.0.0.1"),
                Arguments.of("0.0.0.0", "127.0.0.1", "127.0.0.1"),
                Arguments.of("::1", "::1", "::1"),
                Arguments.of("::1", "127.0.0.1", "localhost"),
                Arguments.of("127.0.0.1", "::1", "::1"));
    }

    /**
     * The accepted socket takes its listener's family and the upstream socket the requested one (no
     * getsockname), an accepted socket its listener's address when that is one IP (no getsockname; a wildcard
     * listener's sockets ask), and the upstream's peer is the address connected to (no getpeername): each
     * channel's addresses are what the socket at its other end sees, and bytes pass both ways whole.
     */
    @ParameterizedTest(name = "listen {0}, service on {1} as {2}")
    @MethodSource("families")
    void eachChannelHasItsSocketsAddressesAndRelaysBothWays(String listen, String serviceIp, String upstream)
            throws Exception {
        assumeTrue(canListen(listen) && canListen(serviceIp), "no IPv6 loopback here");
        Connected connected = new Connected();
        try (ScriptedUpstream service = ScriptedUpstream.start(serviceIp);
             RunningProxy proxy = RunningProxy.start(TestConfigs.proxy(Transport.EPOLL,
                     new HostPort(upstream, service.address().getPort())).withListen(new HostPort(listen, 0)), connected)) {
            TestSocket client = proxy.connectFrom(listen.equals("0.0.0.0") ? "127.0.0.1" : listen);
            InetSocketAddress clientSees = (InetSocketAddress) client.channel().getRemoteAddress();
            CompletableFuture<Received> atClient = client.readToEndAsync();
            Digest request = client.write(REQUEST);
            client.shutdownOutput();

            TestSocket toService = service.nextConnection();
            InetSocketAddress serviceSees = (InetSocketAddress) toService.channel().getRemoteAddress();
            Received atService = toService.readToEnd();
            Digest response = toService.write(RESPONSE);
            toService.close();
            Received got = atClient.get(30, TimeUnit.SECONDS);

            assertThat(atService.ending()).isEqualTo(Ending.EOF);
            assertThat(atService.digest()).as("client → service").isEqualTo(request);
            assertThat(got.ending()).isEqualTo(Ending.EOF);
            assertThat(got.digest()).as("service → client").isEqualTo(response);
            ConnectionInfo c = connected.next();
            assertThat(c.localAddress(Side.DOWNSTREAM)).as("the accepted channel's local address").isEqualTo(clientSees);
            assertThat(c.remoteAddress(Side.DOWNSTREAM)).as("the accepted channel's remote address")
                    .isEqualTo(client.localAddress());
            assertThat(c.localAddress(Side.UPSTREAM)).as("the upstream channel's local address").isEqualTo(serviceSees);
            assertThat(c.remoteAddress(Side.UPSTREAM)).as("the upstream channel's remote address").isEqualTo(service.address());
        }
    }

    /**
     * The client's FIN reaches the service while the service is still sending (the proxy marks the input
     * shut down without shutdown(SHUT_RD) and keeps writing), then the service's FIN reaches the client
     * behind the rest of its bytes.
     */
    @Test
    void clientsFinReachesTheServiceMidStreamAndTheServicesFinFollowsItsBytes() throws Exception {
        try (ScriptedUpstream service = ScriptedUpstream.start();
             RunningProxy proxy = RunningProxy.start(TestConfigs.proxy(Transport.EPOLL, service.hostPort()))) {
            TestSocket client = proxy.connect();
            CompletableFuture<Received> atClient = client.readToEndAsync();
            TestSocket toService = service.nextConnection();
            CompletableFuture<Received> atService = toService.readToEndAsync();
            long step = RESPONSE.length() / 4;

            Digest response = toService.write(RESPONSE, step, total -> {
                if (total == step) {
                    try {
                        client.write(REQUEST);
                        client.shutdownOutput();
                        atService.get(30, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException("the client's request and FIN did not reach the service", e);
                    }
                }
            });
            toService.shutdownOutput();

            Received request = atService.get(30, TimeUnit.SECONDS);
            assertThat(request.ending()).as("the service reads the client's FIN").isEqualTo(Ending.EOF);
            assertThat(request.digest()).isEqualTo(REQUEST.digest());
            Received got = atClient.get(30, TimeUnit.SECONDS);
            assertThat(got.ending()).as("the client reads the service's FIN").isEqualTo(Ending.EOF);
            assertThat(got.digest()).as("everything the service sent, before and after the client's FIN").isEqualTo(response);
            toService.close();
            client.close();

            ConnectionSummary s = proxy.observer().awaitSummaryOf(client.localAddress());
            assertThat(s.reason()).isEqualTo(CloseReason.CLIENT_FIN);
            assertThat(s.closedFirst()).isEqualTo(Peer.CLIENT);
            assertThat(s.bytesClientToService()).isEqualTo(REQUEST.length());
            assertThat(s.bytesServiceToClient()).isEqualTo(RESPONSE.length());
        }
    }

    /**
     * {@code linger: 30s} is set on the accepted socket's fd, not through Netty's config; the channel still
     * knows the close can block (SO_LINGER is read only after a positive linger) and closes off its event
     * loop: while the client reads nothing, the proxy's socket holds unacknowledged bytes and its close
     * waits, and the loop serves other connections meanwhile. The bytes and the FIN arrive whole once the
     * client reads.
     */
    @Test
    void aPositiveLingerClosesOffTheEventLoop() throws Exception {
        SocketSpec lingering = new SocketSpec(true, null, Duration.ofSeconds(30), null, 1 << 20, null, null, null, null,
                null, null, null, null, null, null, null);
        Payload answer = Payload.of(256 * 1024, 33);
        try (ScriptedUpstream service = ScriptedUpstream.start();
             RunningProxy proxy = RunningProxy.start(
                     TestConfigs.proxy(Transport.EPOLL, service.hostPort()).withDownstream(lingering))) {
            // A small receive window that the client does not drain: most of the answer stays unacknowledged
            // in the proxy's send buffer (2 MiB) when both FINs have passed and the proxy closes its socket.
            TestSocket client = TestSocket.bound("127.0.0.1");
            client.channel().setOption(StandardSocketOptions.SO_RCVBUF, 4096);
            client.channel().socket().connect(proxy.address(), 10_000);
            client.write("x");
            client.shutdownOutput();
            TestSocket toService = service.nextConnection();
            assertThat(toService.readToEnd().ending()).isEqualTo(Ending.EOF);
            Digest sent = toService.write(answer);
            toService.close();
            long lingeringSession = proxy.observer().awaitEvent(Kind.FIN_SENT, e -> e.side() == Side.DOWNSTREAM).connection();

            for (int i = 0; i < 4; i++) {
                // new sessions alternate between the event loops: at least two share the lingering one's
                TestSocket other = proxy.connect();
                other.write("ping");
                TestSocket otherUpstream = service.nextConnection();
                assertThat(otherUpstream.readText(4)).isEqualTo("ping");
                otherUpstream.write("pong");
                assertThat(other.readText(4)).isEqualTo("pong");
            }
            assertThat(proxy.observer().events(Kind.SOCKET_CLOSED, lingeringSession))
                    .as("the lingering close has not finished while the loop served the others")
                    .extracting(e -> e.side()).doesNotContain(Side.DOWNSTREAM);

            Received got = client.readToEnd();
            assertThat(got.ending()).isEqualTo(Ending.EOF);
            assertThat(got.digest()).isEqualTo(sent);
            ConnectionSummary s = proxy.observer().awaitSummary(x -> x.id() == lingeringSession);
            assertThat(s.reason()).isEqualTo(CloseReason.CLIENT_FIN);
            assertThat(s.bytesServiceToClient()).isEqualTo(answer.length());
            client.close();
        }
    }

    /**
     * The accepted socket is in the epoll set with EPOLLIN from its accept, before synack asks for a read: what
     * the client sends while the upstream connect waits stays in the socket and reaches the service whole once
     * synack reads; a client's RST meanwhile ends the session at once (not when the connect would have been
     * made), with nothing sent upstream.
     */
    @Test
    void bytesBeforeTheFirstReadWaitInTheSocketAndAnRstMeanwhileIsSeenAtOnce() throws Exception {
        Payload early = Payload.of(48_000, 34);
        try (ScriptedUpstream service = ScriptedUpstream.start();
             RunningProxy proxy = RunningProxy.start(TestConfigs.proxy(Transport.EPOLL, service.hostPort())
                     .withFaults(List.of(FaultSpecs.spec("connect_delay", FaultStream.DOWNSTREAM, Map.of("delay", 300L)))))) {
            TestSocket client = proxy.connect();
            Digest sent = client.write(early);
            client.shutdownOutput();
            TestSocket toService = service.nextConnection();
            Received atService = toService.readToEnd();
            assertThat(atService.ending()).isEqualTo(Ending.EOF);
            assertThat(atService.digest()).as("the bytes sent before synack read").isEqualTo(sent);
            toService.close();
            assertThat(client.readToEnd().ending()).isEqualTo(Ending.EOF);
        }
        // A delay longer than the observer's patience (RecordingObserver.TIMEOUT): only an RST seen at once ends it in time.
        long delay = RecordingObserver.TIMEOUT.toMillis() + 20_000;
        try (ScriptedUpstream service = ScriptedUpstream.start();
             RunningProxy proxy = RunningProxy.start(TestConfigs.proxy(Transport.EPOLL, service.hostPort())
                     .withFaults(List.of(FaultSpecs.spec("connect_delay", FaultStream.DOWNSTREAM, Map.of("delay", delay)))))) {
            TestSocket client = proxy.connect();
            client.write("early bytes, then an RST");
            proxy.observer().awaitEvent(Kind.ACCEPTED);
            InetSocketAddress from = client.localAddress();
            client.reset();
            ConnectionSummary s = proxy.observer().awaitSummaryOf(from);
            assertThat(s.reason()).isEqualTo(CloseReason.CLIENT_RST);
            assertThat(s.bytesClientToService()).as("bytes sent upstream").isZero();
        }
    }

    private static boolean canListen(String ip) {
        try (ServerSocketChannel s = ServerSocketChannel.open()) {
            s.bind(new InetSocketAddress(ip, 0));
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
