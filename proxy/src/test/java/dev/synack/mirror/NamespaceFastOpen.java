package dev.synack.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.config.HostPort;
import dev.synack.config.KernelOption;
import dev.synack.net.Transport;
import dev.synack.testkit.RecordingObserver;
import dev.synack.testkit.Specs;
import dev.synack.testkit.TestConfigs;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.unix.IntegerUnixChannelOption;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * TCP Fast Open through synack with the mirror on, in a namespace with net.ipv4.tcp_fastopen=3: the first
 * connection fetches the cookies of both legs, the second carries its data in the SYN on both. The mirror
 * agrees at every checkpoint (a TFO child is accepted before the handshake's last ACK; the upstream socket
 * is in SYN_SENT until its first bytes leave) and its tcp_info shows the data in the SYN on both sockets.
 */
final class NamespaceFastOpen {
    private static final int SYN_DATA = KernelOption.TCPI_OPT_SYN_DATA;
    private static final int TFO_CHILD = KernelOption.TCPI_OPT_TFO_CHILD;

    private NamespaceFastOpen() {}

    static void fastOpen(Transport t, String proxyIp, String serviceIp) throws Exception {
        EventLoopGroup group = new EpollEventLoopGroup(1);
        try {
            Channel service = new ServerBootstrap().group(group).channel(EpollServerSocketChannel.class)
                    .option(EpollChannelOption.TCP_FASTOPEN, 256)
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override protected void initChannel(Channel ch) {
                            ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                                @Override public void channelRead(ChannelHandlerContext ctx, Object m) {
                                    ctx.writeAndFlush(m);
                                }
                            });
                        }
                    }).bind(serviceIp, 0).sync().channel();
            int port = ((InetSocketAddress) service.localAddress()).getPort();
            TestConfigs config = TestConfigs.proxy(t, new HostPort(serviceIp, port)).withListen(new HostPort(proxyIp, 0))
                    .withDownstream(Specs.of(Map.of("nodelay", true, "fastOpen", 256)))
                    .withUpstreamSocket(Specs.of(Map.of("nodelay", true, "fastOpen", 1)));
            try (MirrorRun run = MirrorRun.start("TFO: data in the SYN on both legs", config)) {
                long previous = -1;
                for (int i = 1; i <= 2; i++) {
                    Channel client = echoOnce(group, run.proxy().address(), "ping " + i);
                    long after = previous;
                    long id = run.events().awaitEvent(RecordingObserver.Kind.ACCEPTED, e -> e.connection() > after).connection();
                    previous = id;
                    ConnectionView v = run.checkpoint(id, "connection " + i + " echoed");
                    // the accepted socket's first reading, at accept, as the proxy's own fast_open reading does
                    int down = v.downstream().firstTcpInfo().options();
                    int up = v.upstream().tcpInfo().options();
                    NamespaceProbe.out("tfo." + t.configName() + ".conn." + i + ".downstream_options", down);
                    NamespaceProbe.out("tfo." + t.configName() + ".conn." + i + ".upstream_options", up);
                    if (i == 1) {
                        assertThat(down & SYN_DATA).as("connection 1 fetches the cookie").isZero();
                    } else {
                        assertThat(down & (SYN_DATA | TFO_CHILD)).as("downstream: a TFO child with data in the SYN")
                                .isEqualTo(SYN_DATA | TFO_CHILD);
                        assertThat(up & SYN_DATA).as("upstream: its SYN carried the client's bytes").isEqualTo(SYN_DATA);
                        NamespaceProbe.diagram("tfo." + t.configName(), SequenceDiagram.render(v));
                        NamespaceProbe.out("tfo." + t.configName() + ".json_downstream_tcp_info",
                                MirrorJson.connection(v, false).path("sockets").path("downstream").path("tcp_info"));
                    }
                    client.close().sync();
                    run.awaitClosed(id);
                    run.checkpoint(id, "connection " + i + " ended");
                }
            }
            service.close().sync();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    /** Connects with the kernel's TCP_FASTOPEN_CONNECT, writes {@code text} at once and waits for its echo. */
    private static Channel echoOnce(EventLoopGroup group, InetSocketAddress proxy, String text) throws Exception {
        byte[] msg = text.getBytes(StandardCharsets.US_ASCII);
        CompletableFuture<Void> echoed = new CompletableFuture<>();
        Channel c = new Bootstrap().group(group).channel(EpollSocketChannel.class)
                // the kernel's own TCP_FASTOPEN_CONNECT: Netty's option of that name is a Java flag that needs
                // the data written before connect
                .option(new IntegerUnixChannelOption("TCP_FASTOPEN_CONNECT", 6, 30), 1)
                .handler(new ChannelInboundHandlerAdapter() {
                    private int got;

                    @Override public void channelRead(ChannelHandlerContext ctx, Object m) {
                        got += ((ByteBuf) m).readableBytes();
                        ((ByteBuf) m).release();
                        if (got >= msg.length) {
                            echoed.complete(null);
                        }
                    }
                }).connect(proxy).sync().channel();
        c.writeAndFlush(Unpooled.wrappedBuffer(msg));
        echoed.get(10, TimeUnit.SECONDS);
        return c;
    }
}
