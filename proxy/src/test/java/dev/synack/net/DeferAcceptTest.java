package dev.synack.net;

import dev.synack.testkit.Specs;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * TCP_DEFER_ACCEPT in behaviour: the kernel keeps a handshaken connection that has sent nothing as a
 * request socket (SYN-RECV in ss, while the client already sees ESTAB) and hands it to accept() only
 * when its first data arrives.
 */
class DeferAcceptTest {

    static Stream<Transport> nativeTransports() {
        return TransportChoice.available().stream().filter(Transport::isNative);
    }

    @ParameterizedTest
    @MethodSource("nativeTransports")
    void aConnectionIsAcceptedOnlyOnceItsFirstDataArrives(Transport t) throws Exception {
        Assumptions.assumeTrue(SsView.available(), "needs ss (iproute2)");
        SocketTuner down = SocketTuner.downstream(Specs.of(Map.of("deferAccept", Duration.ofSeconds(30))), t);
        SocketTuner up = SocketTuner.upstream(Specs.of(Map.of()), t);
        CompletableFuture<Channel> accepted = new CompletableFuture<>();
        Channel listener = LoopbackPair.listen(t, down, 0, accepted);
        Channel client = null;
        try {
            int port = ((InetSocketAddress) listener.localAddress()).getPort();
            client = LoopbackPair.connect(t, up, (InetSocketAddress) listener.localAddress(), new ChannelInboundHandlerAdapter());
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
                SsView v = SsView.of(port);
                return v.client() != null && synRecv(port);
            });
            assertThat(accepted).as("accepted before any data arrived").isNotDone();
            client.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {42})).sync();
            Channel child = accepted.get(10, TimeUnit.SECONDS);
            assertThat(child.isActive()).isTrue();
            child.close().sync();
        } finally {
            if (client != null) {
                client.close().sync();
            }
            listener.close().sync();
        }
    }

    /** Whether ss shows a request socket (SYN-RECV) on the listener's port. */
    private static boolean synRecv(int port) throws Exception {
        Process p = new ProcessBuilder("ss", "-tan", "state", "syn-recv", "( sport = :" + port + " )").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.SECONDS);
        return out.lines().anyMatch(l -> l.contains(":" + port + " "));
    }
}
