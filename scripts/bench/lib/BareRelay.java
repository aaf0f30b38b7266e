import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import java.net.InetSocketAddress;

/**
 * The floor of a relay on Netty's stock epoll channels: what a new connection costs with nothing of
 * synack's (no session, byte ledger, observers, timers, limits, metrics, cork), only accept, connect on the
 * accepting loop, relay both ways with each FIN passed on after the bytes before it, and close when both
 * FINs have passed. A target of {@code scripts/bench/conn-cpu}, {@code run} and {@code latency1} ({@code netty-bare}), run from source on
 * the class path of synack's jar, which carries Netty, behind Netty's own epoll and unix-common jars (synack's
 * jar has its own build of six epoll classes, which would otherwise win):
 *
 * <pre>java -cp NETTY_EPOLL_JAR:NETTY_UNIX_COMMON_JAR:proxy/target/synack.jar scripts/bench/lib/BareRelay.java LISTEN_PORT UPSTREAM_PORT...</pre>
 *
 * A measuring stick, not a proxy: no limits, no timeouts, and any error closes both sides.
 */
public final class BareRelay {
    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args.length % 2 != 0) {
            System.err.println("usage: BareRelay LISTEN_PORT UPSTREAM_PORT [LISTEN_PORT UPSTREAM_PORT]...");
            System.exit(2);
        }
        EventLoopGroup loops = new EpollEventLoopGroup(Runtime.getRuntime().availableProcessors());
        for (int i = 0; i < args.length; i += 2) {
            int listen = Integer.parseInt(args[i]);
            InetSocketAddress upstream = new InetSocketAddress("127.0.0.1", Integer.parseInt(args[i + 1]));
            new ServerBootstrap().group(loops).channel(EpollServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 4096)
                    .childOption(ChannelOption.AUTO_READ, false)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel client) {
                            client.pipeline().addLast(new Relay(upstream));
                        }
                    })
                    .bind(new InetSocketAddress("127.0.0.1", listen)).sync();
            System.out.println("bare relay listening on 127.0.0.1:" + listen);
        }
        Thread.currentThread().join();
    }

    /** One socket's reader: writes what it reads to its pair's socket, reads more once that is flushed. */
    static final class Relay extends ChannelInboundHandlerAdapter {
        /** The upstream to connect to: set on the client's relay only. */
        private final InetSocketAddress upstream;
        private Relay pair;
        private Channel channel;
        /** This socket's FIN has been read and passed on as the pair's FIN. */
        private boolean finPassed;

        Relay(InetSocketAddress upstream) {
            this.upstream = upstream;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            channel = ctx.channel();
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            if (upstream == null) {
                return;
            }
            Relay server = new Relay(null);
            server.pair = this;
            pair = server;
            new Bootstrap().group(channel.eventLoop()).channel(EpollSocketChannel.class)
                    .option(ChannelOption.AUTO_READ, false)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                    .handler(server)
                    .connect(upstream).addListener((ChannelFutureListener) f -> {
                        if (f.isSuccess()) {
                            server.channel.read();
                            channel.read();
                        } else {
                            channel.close();
                        }
                    });
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            pair.channel.write(msg, pair.channel.voidPromise());
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            if (finPassed) {
                return;
            }
            pair.channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener((ChannelFutureListener) f -> {
                if (!f.isSuccess()) {
                    closeBoth();
                } else if (!finPassed) {
                    channel.read();
                }
            });
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (!(evt instanceof ChannelInputShutdownEvent)) {
                return;
            }
            pair.channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener((ChannelFutureListener) f -> {
                if (!f.isSuccess()) {
                    closeBoth();
                    return;
                }
                ((DuplexChannel) pair.channel).shutdownOutput().addListener((ChannelFutureListener) g -> {
                    finPassed = true;
                    if (!g.isSuccess() || pair.finPassed) {
                        closeBoth();
                    }
                });
            });
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (pair != null && pair.channel != null) {
                pair.channel.close();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            closeBoth();
        }

        private void closeBoth() {
            channel.close();
            if (pair != null && pair.channel != null) {
                pair.channel.close();
            }
        }
    }
}
