package dev.synack.fault.builtin;

import static dev.synack.fault.FaultBench.fault;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.synack.config.FaultStream;
import dev.synack.fault.FaultChain;
import dev.synack.fault.FaultFailedException;
import dev.synack.fault.TestChains;
import dev.synack.net.TcpInfoReader;
import dev.synack.net.Transport;
import dev.synack.observe.TcpInfo;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The faults whose effect is in the kernel, on real sockets over 127.0.0.1: {@code silent_drop} leaves
 * the peer ESTABLISHED to nobody until its next write draws an RST; {@code blackhole} makes the peer
 * retransmit into the void until the rule goes. They need root (CAP_NET_ADMIN), and blackhole the nft
 * binary: without them the tests are skipped, saying why.
 */
class KernelFaultsTest {
    /** A table of this test's own, never the one a running synack uses. */
    private static final NftBlackhole TABLE = new NftBlackhole("synack_test");

    static Stream<Transport> nativeTransports() {
        return Stream.of(Transport.EPOLL, Transport.IO_URING).filter(Transport::isAvailable);
    }

    @AfterAll
    static void dropTheTestTable() throws Exception {
        if (NftBlackhole.missing().isEmpty()) {
            TABLE.removeTable().get(10, TimeUnit.SECONDS);
        }
    }

    private static TcpInfo info(io.netty.channel.Channel ch) {
        return TcpInfoReader.read(ch).orElseThrow();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nativeTransports")
    void silentDropLeavesThePeerEstablishedToNobodyUntilItWrites(Transport t) throws Exception {
        Assumptions.assumeTrue(NetAdmin.held(), "silent_drop needs CAP_NET_ADMIN (run the tests as root)");
        try (SocketPair p = SocketPair.open(t)) {
            int serverPort = p.serverPort();
            int clientPort = p.clientPort();
            assertThat(SocketPair.kernelStates(serverPort, clientPort)).containsExactly("01");
            p.onServerLoop(() -> {
                FaultChain chain = new FaultChain(TestChains.context(FaultStream.DOWNSTREAM, (InetSocketAddress) p.accepted.remoteAddress()));
                chain.attach(p.accepted.pipeline());
                chain.add(fault("silent_drop", Map.of()));
                return null;
            });
            p.accepted.closeFuture().await(10, TimeUnit.SECONDS);

            // The proxy's socket is gone from the kernel (a normal close would leave it in FIN_WAIT);
            // the peer got neither FIN nor RST and is still ESTABLISHED. io_uring releases the file a moment
            // after the channel's close completes (a read still in flight holds it), hence the wait.
            await().atMost(Duration.ofSeconds(5)).untilAsserted(
                    () -> assertThat(SocketPair.kernelStates(serverPort, clientPort)).isEmpty());
            assertThat(info(p.client).state()).isEqualTo(1);
            assertThat(p.clientSawFin).isFalse();
            assertThat(p.clientError).isNotDone();

            p.clientWrite(10);
            Throwable reset = p.clientError.get(10, TimeUnit.SECONDS);
            assertThat(reset).hasMessageContaining("Connection reset by peer");
        }
    }

    @Test
    void silentDropOnNioFailsLoudly() throws Exception {
        try (SocketPair p = SocketPair.open(Transport.NIO)) {
            CompletableFuture<Throwable> failure = new CompletableFuture<>();
            p.onServerLoop(() -> {
                p.accepted.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                        failure.complete(cause);
                    }
                });
                FaultChain chain = new FaultChain(TestChains.context(FaultStream.DOWNSTREAM, (InetSocketAddress) p.accepted.remoteAddress()));
                chain.attach(p.accepted.pipeline());
                chain.add(fault("silent_drop", Map.of()));
                return null;
            });
            assertThat(failure.get(10, TimeUnit.SECONDS)).isInstanceOf(FaultFailedException.class)
                    .hasMessageStartingWith("closing without FIN or RST: setsockopt(TCP_REPAIR) failed (not a native socket channel: NioSocketChannel)");
            assertThat(p.accepted.isOpen()).as("nothing silently closed").isTrue();
        }
    }

    @Test
    void blackholeMakesThePeerRetransmitUntilTheRuleGoes() throws Exception {
        Assumptions.assumeTrue(NftBlackhole.missing().isEmpty(), () -> NftBlackhole.missing().orElse(""));
        Transport t = nativeTransports().findFirst().orElseThrow();
        try (SocketPair p = SocketPair.open(t)) {
            BlackholeHandler hole = p.onServerLoop(() -> {
                BlackholeHandler h = new BlackholeHandler(TABLE, TestChains.context(FaultStream.DOWNSTREAM,
                        (InetSocketAddress) p.accepted.remoteAddress()));
                TestChains.install(p.accepted.pipeline(), h, fault("blackhole", Map.of()));
                return h;
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> elements().contains(String.valueOf(p.clientPort())));

            p.clientWrite(1000);
            int before = info(p.client).totalRetrans();
            await().atMost(Duration.ofSeconds(15)).until(() -> info(p.client).totalRetrans() >= before + 2);
            assertThat(p.received.get()).isZero();
            assertThat(info(p.client).state()).isEqualTo(1);

            p.onServerLoop(() -> p.accepted.pipeline().remove(hole));
            await().atMost(Duration.ofSeconds(10)).until(() -> !elements().contains(String.valueOf(p.clientPort())));
            await().atMost(Duration.ofSeconds(30)).until(() -> p.received.get() == 1000);
        }
    }

    @Test
    void blackholeRulesGoWhenTheConnectionEnds() throws Exception {
        Assumptions.assumeTrue(NftBlackhole.missing().isEmpty(), () -> NftBlackhole.missing().orElse(""));
        Transport t = nativeTransports().findFirst().orElseThrow();
        try (SocketPair p = SocketPair.open(t)) {
            p.onServerLoop(() -> {
                TestChains.install(p.accepted.pipeline(), new BlackholeHandler(TABLE, TestChains.context(FaultStream.DOWNSTREAM,
                        (InetSocketAddress) p.accepted.remoteAddress())), fault("blackhole", Map.of()));
                return null;
            });
            String port = String.valueOf(p.clientPort());
            await().atMost(Duration.ofSeconds(10)).until(() -> elements().contains(port));
            p.accepted.close().sync();
            await().atMost(Duration.ofSeconds(10)).until(() -> !elements().contains(port));
        }
    }

    /** The elements of the test table's IPv4 sets, as nft lists them. */
    private static String elements() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("nft", "list", "table", "inet", TABLE.table()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.SECONDS);
        return out;
    }
}
