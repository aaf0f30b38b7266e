package dev.synack.net;

import dev.synack.observe.TcpInfo;
import dev.synack.testkit.Specs;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A minimal relay on plain Netty bootstraps, tuned by {@link SocketTuner} as synack tunes its sockets
 * (downstream fast_open 256, upstream fast_open true). Unlike synack it hands out its channels, so the
 * tcp_info of both of its sockets can be read once the connection has carried data.
 */
final class TfoNettyRelay implements TfoRelay {
    private record Session(TcpInfo acceptedInfo, java.util.List<dev.synack.observe.OptionReading> acceptedReadings, Channel upstream) {}

    private final Transport t;
    private final EventLoopGroup group;
    private final SocketTuner down;
    private final SocketTuner up;
    private final LinkedBlockingQueue<Session> sessions = new LinkedBlockingQueue<>();
    private Channel listener;
    private InetSocketAddress service;

    TfoNettyRelay(Transport t) {
        this.t = t;
        this.group = t.newGroup(1);
        this.down = SocketTuner.downstream(Specs.of("fastOpen", 256), t);
        this.up = SocketTuner.upstream(Specs.of("fastOpen", 1), t);
    }

    @Override
    public InetSocketAddress start(InetSocketAddress bind, InetSocketAddress service) throws InterruptedException {
        this.service = service;
        ServerBootstrap sb = new ServerBootstrap().group(group).channel(t.serverChannel())
                .handler(new ChannelInitializer<Channel>() {
                    @Override protected void initChannel(Channel ch) { down.beforeBind(ch); }
                })
                .childOption(ChannelOption.AUTO_READ, false)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override protected void initChannel(Channel ch) { accepted(ch); }
                });
        down.configure(sb);
        listener = sb.bind(bind).sync().channel();
        return (InetSocketAddress) listener.localAddress();
    }

    @Override
    public Seen next() throws Exception {
        Session s = sessions.poll(10, TimeUnit.SECONDS);
        Channel u = s.upstream();
        return u.eventLoop().submit(() -> new Seen(Optional.of(s.acceptedInfo()), TcpInfoReader.read(u),
                s.acceptedReadings(), up.read(u))).get(10, TimeUnit.SECONDS);
    }

    private void accepted(Channel child) {
        down.onAccepted(child);
        // TFO_CHILD and SYN_DATA are set when the kernel creates the socket: read them before anything else
        TcpInfo info = TcpInfoReader.read(child).orElseThrow();
        var readings = down.read(child);
        Bootstrap b = new Bootstrap().group(child.eventLoop()).channel(t.socketChannel())
                .handler(new ChannelInitializer<Channel>() {
                    @Override protected void initChannel(Channel u) {
                        up.beforeConnect(u);
                        u.pipeline().addLast(new Forward(child));
                    }
                });
        up.configure(b);
        b.connect(service).addListener(f -> {
            Channel u = ((ChannelFuture) f).channel();
            if (!f.isSuccess()) {
                child.close();
                return;
            }
            up.afterConnect(u);
            child.pipeline().addLast(new Forward(u));
            child.config().setAutoRead(true);
            sessions.add(new Session(info, readings, u));
        });
    }

    @Override
    public void close() throws InterruptedException {
        if (listener != null) {
            listener.close().sync();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    /** Writes what one leg reads to the other leg; closes the other leg when this one closes. */
    private static final class Forward extends ChannelInboundHandlerAdapter {
        private final Channel other;

        Forward(Channel other) {
            this.other = other;
        }

        @Override public void channelRead(ChannelHandlerContext ctx, Object msg) { other.writeAndFlush(msg); }

        @Override public void channelInactive(ChannelHandlerContext ctx) { other.close(); }

        @Override public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) { ctx.close(); }
    }
}
