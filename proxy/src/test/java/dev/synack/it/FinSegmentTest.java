package dev.synack.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.synack.config.HostPort;
import dev.synack.net.Transport;
import dev.synack.testkit.Ending;
import dev.synack.testkit.Received;
import dev.synack.testkit.RunningProxy;
import dev.synack.testkit.TestConfigs;
import dev.synack.testkit.TestSocket;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A service that sends its last bytes and its FIN in one segment (a greeting, then shutdown) gets them
 * relayed to the client the same way on epoll: the client's socket counts two segments in, the
 * SYN-ACK and data+FIN, where a relay that flushed before reading the FIN would send three. Checked
 * with the client's own segs_in from {@code ss -tni}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FinSegmentTest {
    private static final byte[] GREETING = "220 synack test service ready\r\n".getBytes(StandardCharsets.US_ASCII);

    private static EventLoopGroup serviceLoop;
    private static Channel service;

    @BeforeAll
    static void startService() throws InterruptedException {
        assumeThat(Epoll.isAvailable()).as("the service corks its socket through epoll").isTrue();
        serviceLoop = new EpollEventLoopGroup(1);
        service = new ServerBootstrap().group(serviceLoop).channel(EpollServerSocketChannel.class)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childOption(EpollChannelOption.TCP_CORK, true)
                .childHandler(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelActive(ChannelHandlerContext ctx) {
                        // corked: the greeting waits in the kernel, and shutdown() sends it with the FIN
                        ctx.writeAndFlush(Unpooled.wrappedBuffer(GREETING))
                                .addListener(f -> ((DuplexChannel) ctx.channel()).shutdownOutput());
                    }

                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        ReferenceCountUtil.release(msg);
                    }

                    @Override
                    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                        ctx.close(); // the client's FIN
                    }

                    @Override
                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                        ctx.close(); // a client that resets: nothing to tell the test
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    @AfterAll
    static void stopService() {
        if (service != null) {
            service.close().syncUninterruptibly();
            serviceLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void epollRelaysTheLastBytesInTheFinsSegment() throws Exception {
        HostPort upstream = new HostPort("127.0.0.1", ((InetSocketAddress) service.localAddress()).getPort());
        try (RunningProxy proxy = RunningProxy.start(TestConfigs.proxy(Transport.EPOLL, upstream))) {
            TestSocket client = proxy.connect();
            Received r = client.readToEndAsync().get(20, TimeUnit.SECONDS);
            assertThat(r.ending()).isEqualTo(Ending.EOF);
            assertThat(r.bytes()).isEqualTo(GREETING.length);

            String upstreamSide = ss("dport = :" + upstream.port());
            assertThat(segmentsIn("sport = :" + client.localAddress().getPort()))
                    .as("segments the client received: the SYN-ACK, then the greeting with the FIN (proxy's upstream socket: %s)", upstreamSide)
                    .isEqualTo(2);
            client.close();
        }
    }

    /** segs_in of the socket {@code filter} selects, in CLOSE_WAIT now that it read the FIN. */
    private static int segmentsIn(String filter) throws Exception {
        String out = ss(filter);
        Matcher m = Pattern.compile("\\bsegs_in:(\\d+)").matcher(out);
        assertThat(m.find()).as("segs_in in: %s", out).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static String ss(String filter) throws Exception {
        Process p = new ProcessBuilder("ss", "-tniH", "state", "close-wait", "( " + filter + " )")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.SECONDS);
        return out.trim();
    }
}
