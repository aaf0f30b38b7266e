package dev.synack.admin;

import dev.synack.admin.model.GoAddress;
import dev.synack.admin.model.ToxiproxyBackend;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin HTTP server: Toxiproxy's API over a {@link ToxiproxyBackend} and synack's own routes, on one NIO event loop of its own
 * (never the relay's, so a flood of API calls cannot slow a proxied byte) and one worker thread that calls
 * the backend, one request at a time.
 *
 * <p>Pipeline: request deadline (408) and idle close, HTTP codec (64 KiB request line and headers, else
 * 431), body aggregation (1 MiB by default, else 413), then {@link ApiHandler}.
 */
public final class AdminServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AdminServer.class);
    private static final int MAX_LINE_AND_HEADERS = 64 * 1024;

    private final EventLoopGroup loop;
    private final ExecutorService worker;
    private final Channel channel;

    private AdminServer(EventLoopGroup loop, ExecutorService worker, Channel channel) {
        this.loop = loop;
        this.worker = worker;
        this.channel = channel;
    }

    /**
     * Binds and serves until {@link #close()}.
     *
     * @throws IllegalStateException a bind that is not loopback, without a token, and not insecure
     *                               ({@link AdminAccess}); nothing is bound
     * @throws IOException           the address cannot be resolved or bound; nothing stays bound
     */
    public static AdminServer start(AdminSettings settings, ToxiproxyBackend backend) throws IOException {
        return start(settings, backend, null);
    }

    /**
     * As {@link #start(AdminSettings, ToxiproxyBackend)}, serving synack's own routes ({@link SynackRoutes})
     * and the dashboard at {@code /ui} ({@link DashboardPages}) too when {@code sources} is not null.
     */
    public static AdminServer start(AdminSettings settings, ToxiproxyBackend backend, SynackSources sources) throws IOException {
        InetAddress address = InetAddress.getByName(settings.host());
        AdminAccess.Decision access = AdminAccess.decide(address, settings.token(), settings.insecure());
        if (access == AdminAccess.Decision.REFUSED) {
            throw new IllegalStateException("the admin API on " + settings.host() + ":" + settings.port()
                    + " would be reachable from other machines: set admin.token, or admin.insecure: true on a trusted network");
        }
        EventLoopGroup loop = new NioEventLoopGroup(1, new DefaultThreadFactory("synack-admin", true));
        ExecutorService worker = Executors.newSingleThreadExecutor(new DefaultThreadFactory("synack-admin-api", true));
        Router router = ToxiproxyRoutes.router(backend, settings);
        if (sources != null) {
            SynackRoutes.add(router, sources, settings.version());
            DashboardPages.add(router, settings.token() != null);
        }
        ApiDispatcher dispatcher = new ApiDispatcher(router, settings.token(),
                new BrowserGuard(settings.host(), settings.token() != null));
        ChannelFuture bound = new ServerBootstrap()
                .group(loop)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .handler(new AdminAcceptFailures())
                // A client may send its request and then its FIN (nc -N): it still gets the response.
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(
                                new IdleStateHandler(0, 0, settings.idleTimeout().toMillis(), TimeUnit.MILLISECONDS),
                                new RequestDeadlineHandler(settings.requestTimeout()),
                                new HttpServerCodec(MAX_LINE_AND_HEADERS, MAX_LINE_AND_HEADERS, 8192),
                                new BodyLimitAggregator(settings.maxBodyBytes()),
                                new ApiHandler(dispatcher, worker, settings.handlerTimeout()));
                    }
                })
                .bind(new InetSocketAddress(address, settings.port()))
                .awaitUninterruptibly();
        if (!bound.isSuccess()) {
            loop.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            worker.shutdownNow();
            IOException e = new BindException("admin API: listen tcp " + settings.host() + ":" + settings.port() + ": bind: "
                    + (bound.cause().getMessage() == null ? bound.cause().toString() : bound.cause().getMessage()));
            e.initCause(bound.cause());
            throw e;
        }
        AdminServer server = new AdminServer(loop, worker, bound.channel());
        if (access == AdminAccess.Decision.INSECURE) {
            log.warn("admin API on {} without a token (admin.insecure: true): anyone who can reach this address can "
                    + "create proxies and inject faults; use it only on a trusted test network", GoAddress.format(server.address()));
        }
        String url = "http://" + GoAddress.format(server.address());
        log.info("admin API (Toxiproxy-compatible) listening on {}{}", url, sources == null ? "" : "; dashboard at " + url + "/ui");
        return server;
    }

    /** The bound address, with the real port when port 0 was asked. */
    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** Stops listening, closes every connection and stops the threads. */
    @Override
    public void close() {
        channel.close().awaitUninterruptibly();
        worker.shutdownNow();
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
