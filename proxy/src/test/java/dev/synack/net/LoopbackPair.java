package dev.synack.net;

import dev.synack.config.SocketSpec;
import dev.synack.testkit.PipelineEnd;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import java.net.InetSocketAddress;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A listener and one connection to it over 127.0.0.1, each side tuned by a {@link SocketTuner} the way
 * the proxy does it: the listener and its accepted socket by the downstream tuner, the connecting
 * socket by the upstream tuner. The client writes one byte so that TCP_DEFER_ACCEPT lets it through.
 */
final class LoopbackPair implements AutoCloseable {
    private static final Map<Transport, EventLoopGroup> GROUPS = new EnumMap<>(Transport.class);

    final Transport transport;
    final SocketTuner down;
    final SocketTuner up;
    final Channel listener;
    final Channel accepted;
    final Channel client;

    private LoopbackPair(Transport t, SocketTuner down, SocketTuner up, Channel listener, Channel accepted, Channel client) {
        this.transport = t;
        this.down = down;
        this.up = up;
        this.listener = listener;
        this.accepted = accepted;
        this.client = client;
    }

    static synchronized EventLoopGroup group(Transport t) {
        return GROUPS.computeIfAbsent(t, x -> x.newGroup(1));
    }

    /** A listener bound to 127.0.0.1:{@code port} (0 for any), tuned but accepting into a sink. */
    static Channel listen(Transport t, SocketTuner down, int port, CompletableFuture<Channel> accepted) throws InterruptedException {
        InetSocketAddress local = new InetSocketAddress("127.0.0.1", port);
        ServerBootstrap sb = new ServerBootstrap().group(group(t))
                .channelFactory((ChannelFactory<ServerChannel>) () -> t.newServerChannel(local.getAddress()))
                .handler(new ChannelInitializer<Channel>() {
                    @Override protected void initChannel(Channel ch) { down.beforeBind(ch); }
                })
                .childOption(ChannelOption.AUTO_READ, false)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override protected void initChannel(Channel ch) {
                        down.onAccepted(ch);
                        ch.pipeline().addLast(PipelineEnd.INSTANCE);
                        accepted.complete(ch);
                    }
                });
        down.configure(sb);
        return sb.bind(local).sync().channel();
    }

    static Channel connect(Transport t, SocketTuner up, InetSocketAddress to, ChannelHandler handler) throws InterruptedException {
        Bootstrap b = new Bootstrap().group(group(t))
                .channelFactory((ChannelFactory<Channel>) () -> t.newSocketChannel(to.getAddress()))
                .handler(new ChannelInitializer<Channel>() {
                    @Override protected void initChannel(Channel ch) {
                        up.beforeConnect(ch);
                        ch.pipeline().addLast(handler).addLast(PipelineEnd.INSTANCE);
                    }
                });
        up.configure(b);
        Channel c = b.connect(to).sync().channel();
        up.afterConnect(c);
        return c;
    }

    static LoopbackPair open(Transport t, SocketSpec downSpec, SocketSpec upSpec) throws Exception {
        SocketTuner down = SocketTuner.downstream(downSpec, t);
        SocketTuner up = SocketTuner.upstream(upSpec, t);
        CompletableFuture<Channel> acceptedF = new CompletableFuture<>();
        Channel listener = listen(t, down, 0, acceptedF);
        Channel client = null;
        try {
            client = connect(t, up, (InetSocketAddress) listener.localAddress(), new ChannelInboundHandlerAdapter());
            client.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {1})).sync();
            Channel accepted = acceptedF.get(10, TimeUnit.SECONDS);
            return new LoopbackPair(t, down, up, listener, accepted, client);
        } catch (Exception e) {
            if (client != null) {
                client.close();
            }
            listener.close();
            throw e;
        }
    }

    int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    @Override
    public void close() throws InterruptedException {
        client.close().await(5, TimeUnit.SECONDS);
        accepted.close().await(5, TimeUnit.SECONDS);
        listener.close().await(5, TimeUnit.SECONDS);
    }
}
