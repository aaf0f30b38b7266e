package dev.synack.fault.builtin;

import dev.synack.fault.FaultChain;
import dev.synack.fault.StreamEnd;
import dev.synack.net.SilentClose;
import dev.synack.net.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A plain Netty client and server over 127.0.0.1 on a native transport, for faults whose effect is in
 * the kernel: the accepted channel has the outbound path's anchors ({@value FaultChain#TAIL} and a relay
 * stand-in) so fault handlers can be put into it; the client records what happens to it.
 */
final class SocketPair implements AutoCloseable {
    final EventLoopGroup group;
    final Channel listener;
    final Channel accepted;
    final Channel client;
    final AtomicLong received;
    final AtomicBoolean clientSawFin;
    final CompletableFuture<Throwable> clientError;

    private SocketPair(EventLoopGroup group, Channel listener, Channel accepted, Channel client, AtomicLong received,
            AtomicBoolean clientSawFin, CompletableFuture<Throwable> clientError) {
        this.group = group;
        this.listener = listener;
        this.accepted = accepted;
        this.client = client;
        this.received = received;
        this.clientSawFin = clientSawFin;
        this.clientError = clientError;
    }

    /**
     * One loop per transport for all pairs, never shut down (its threads are daemons): the io_uring
     * incubator's loop can wait forever in its cleanup.
     */
    private static final Map<Transport, EventLoopGroup> GROUPS = new EnumMap<>(Transport.class);

    private static synchronized EventLoopGroup group(Transport t) {
        return GROUPS.computeIfAbsent(t, x -> x.newGroup(1));
    }

    static SocketPair open(Transport t) throws Exception {
        EventLoopGroup group = group(t);
        CompletableFuture<Channel> accepted = new CompletableFuture<>();
        AtomicLong received = new AtomicLong();
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        Channel listener = new ServerBootstrap().group(group)
                .channelFactory((ChannelFactory<ServerChannel>) () -> t.newServerChannel(lo))
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(FaultChain.TAIL, new StandInTail());
                        ch.pipeline().addLast("synack.relay", new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                received.addAndGet(((ByteBuf) msg).readableBytes());
                                ((ByteBuf) msg).release();
                            }

                            @Override
                            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                // A test that watches for errors adds its handler after this one; else they end here.
                                if (ctx.pipeline().last() != this) {
                                    ctx.fireExceptionCaught(cause);
                                } else {
                                    ctx.close();
                                }
                            }
                        });
                        accepted.complete(ch);
                    }
                })
                .bind(new InetSocketAddress(lo, 0)).sync().channel();
        AtomicBoolean sawFin = new AtomicBoolean();
        CompletableFuture<Throwable> error = new CompletableFuture<>();
        Channel client = new Bootstrap().group(group)
                .channelFactory(() -> t.newSocketChannel(lo))
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .handler(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                        if (evt == ChannelInputShutdownEvent.INSTANCE) {
                            sawFin.set(true);
                        }
                    }

                    @Override
                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                        error.complete(cause);
                    }
                })
                .connect(listener.localAddress()).sync().channel();
        return new SocketPair(group, listener, accepted.get(10, TimeUnit.SECONDS), client, received, sawFin, error);
    }

    /** Runs {@code task} on the accepted channel's loop and waits for it. */
    <T> T onServerLoop(Callable<T> task) throws Exception {
        return accepted.eventLoop().submit(task).get(10, TimeUnit.SECONDS);
    }

    void clientWrite(int bytes) {
        client.writeAndFlush(Unpooled.wrappedBuffer(new byte[bytes]));
    }

    int clientPort() {
        return ((InetSocketAddress) client.localAddress()).getPort();
    }

    int serverPort() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /**
     * The kernel states (hex codes of /proc/net/tcp{,6}) of every socket with local port {@code local}
     * and remote port {@code remote}: an empty list means the kernel holds no such socket at all.
     */
    static List<String> kernelStates(int local, int remote) throws IOException {
        List<String> states = new ArrayList<>();
        for (String file : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
            for (String line : Files.readAllLines(Path.of(file))) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 3 && f[1].contains(":") && port(f[1]) == local && port(f[2]) == remote) {
                    states.add(f[3]);
                }
            }
        }
        return states;
    }

    private static int port(String hexAddress) {
        return Integer.parseInt(hexAddress.substring(hexAddress.indexOf(':') + 1), 16);
    }

    @Override
    public void close() {
        client.close();
        accepted.close();
        listener.close().syncUninterruptibly();
    }

    /**
     * Stands in for the relay's tail, which a fault test has no session for: it performs the silent close
     * a fault asks for ({@link StreamEnd#VANISH}) the way the tail does, and passes everything else on.
     */
    private static final class StandInTail extends ChannelOutboundHandlerAdapter {
        @Override
        public void write(ChannelHandlerContext ctx, Object msg, io.netty.channel.ChannelPromise promise) throws Exception {
            if (msg != StreamEnd.VANISH) {
                super.write(ctx, msg, promise);
                return;
            }
            try {
                SilentClose.vanish(ctx.channel());
                promise.trySuccess();
            } catch (java.io.IOException e) {
                ctx.fireExceptionCaught(new dev.synack.fault.FaultFailedException(
                        "closing without FIN or RST: setsockopt(TCP_REPAIR) failed (" + e.getMessage() + ")", e));
            }
        }
    }
}
