package dev.synack.proxy;

import dev.synack.config.BufferSpec;
import dev.synack.config.ProxySpec;
import dev.synack.net.FinCoalescing;
import dev.synack.net.SocketTuner;
import dev.synack.net.Transport;
import dev.synack.observe.CloseReason;
import dev.synack.observe.ConnectionObserver;
import dev.synack.observe.ConnectionSummary;
import dev.synack.observe.OptionReading;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One proxy of the config: its listener, the sessions it accepted, their limits and the shared pieces
 * sessions use (tuners, connector, observer).
 */
public final class ProxyServer {
    private static final Logger log = LoggerFactory.getLogger(ProxyServer.class);

    /**
     * How long a leg that synack closes with a FIN (idle timeout, max duration, on_peer_reset: close,
     * on_upstream_failure: close) may take to flush and receive the peer's FIN before it is reset.
     */
    static final long LINGER_AFTER_FIN_MILLIS = 5_000;

    private final ProxySpec spec;
    private final Transport transport;
    private final EventLoopGroup loops;
    private final ConnectionObserver observer;
    private final boolean readsOptions;
    private final boolean coalescesFin;
    private final AtomicLong ids;
    private final SocketTuner downstreamTuner;
    private final SocketTuner upstreamTuner;
    private final ConnectionLimiter limiter;
    private final UpstreamConnector connector;
    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
    private final LongAccumulator peakBuffered = new LongAccumulator(Math::max, 0);
    private final LongAccumulator peakDrained = new LongAccumulator(Math::max, 0);
    private final AdaptiveRecvByteBufAllocator recvAllocator;
    private final WriteBufferWaterMark waterMark;

    private volatile boolean accepting = true;
    private Channel listener;
    private List<OptionReading> listenerOptions = List.of();

    /**
     * {@code loops} runs the listener and the sessions alike; a session's two legs share one loop.
     * {@code resolver} turns upstream host names into addresses, off the loop.
     */
    public ProxyServer(ProxySpec spec, Transport transport, EventLoopGroup loops,
                       ConnectionObserver observer, AtomicLong ids, RandomGenerator random, HostResolver resolver) {
        this.spec = spec;
        this.transport = transport;
        this.loops = loops;
        this.observer = observer;
        this.readsOptions = observer.wantsSocketOptions();
        this.coalescesFin = FinCoalescing.supported(transport);
        this.ids = ids;
        this.downstreamTuner = SocketTuner.downstream(spec.downstream(), transport);
        this.upstreamTuner = SocketTuner.upstream(spec.upstreamSocket(), transport);
        this.limiter = new ConnectionLimiter(spec.limits().maxConnections(), spec.limits().maxConnectionsPerClient());
        this.connector = new UpstreamConnector(this, new Backoff(spec.connect().backoff(), random), resolver);
        BufferSpec buffers = spec.buffers();
        // AUTO_READ is off, so each read() reads one buffer: at most read_size bytes per read.
        this.recvAllocator = new AdaptiveRecvByteBufAllocator(
                Math.min(64, buffers.readSize()), Math.min(16 * 1024, buffers.readSize()), buffers.readSize());
        this.waterMark = new WriteBufferWaterMark(buffers.lowWatermark(), buffers.highWatermark());
    }

    /** Binds the listener; the returned future completes when it is bound (or failed to). */
    public ChannelFuture bind() {
        InetSocketAddress address = new InetSocketAddress(spec.listen().host(), spec.listen().port());
        ServerBootstrap b = new ServerBootstrap()
                .group(loops, loops)
                .channelFactory((ChannelFactory<ServerChannel>) () -> transport.newServerChannel(address.getAddress()))
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childOption(ChannelOption.RCVBUF_ALLOCATOR, recvAllocator)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        downstreamTuner.beforeBind(ch);
                    }
                })
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        accept(ch);
                    }
                });
        downstreamTuner.configure(b);
        ChannelFuture f = b.bind(address);
        listener = f.channel();
        return f;
    }

    /** After a successful bind: reads the listener's effective options and tells the observer. */
    public void bound() {
        listenerOptions = downstreamTuner.readListener(listener);
        observer.listening(spec.name(), address(), listenerOptions);
    }

    private void accept(Channel ch) {
        InetSocketAddress client = (InetSocketAddress) ch.remoteAddress();
        if (!accepting) {
            reject(ch, client, CloseReason.SHUTDOWN);
            return;
        }
        if (!limiter.tryAcquire(client.getAddress())) {
            reject(ch, client, CloseReason.LIMIT);
            return;
        }
        downstreamTuner.onAccepted(ch);
        Session session = new Session(this, ids.incrementAndGet(), ch);
        ch.pipeline().addLast(new RelayHandler(session, dev.synack.observe.Side.DOWNSTREAM));
    }

    private void reject(Channel ch, InetSocketAddress client, CloseReason why) {
        log.debug("[{}] rejected {}: {}", spec.name(), client, why.label());
        resetSocket(ch);
        observer.rejected(spec.name(), client, why);
    }

    /** Stops accepting: closes the listener, so new connections are refused by the kernel. */
    public void stopAccepting() {
        accepting = false;
        if (listener != null) {
            listener.close().syncUninterruptibly();
        }
    }

    /** Resets every session still open, each on its own loop. */
    public void resetAll(CloseReason why) {
        for (Session s : sessions) {
            s.eventLoop().execute(() -> s.resetNow(why));
        }
    }

    /** Waits until no session is left or {@code timeout} passes; true when none is left. */
    public boolean awaitNoSessions(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (sessions) {
            while (!sessions.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                sessions.wait(Math.max(1, left / 1_000_000), 0);
            }
        }
        return true;
    }

    public String name() {
        return spec.name();
    }

    public InetSocketAddress address() {
        return listener == null ? null : (InetSocketAddress) listener.localAddress();
    }

    public List<OptionReading> listenerOptions() {
        return listenerOptions;
    }

    public int activeSessions() {
        return sessions.size();
    }

    public long peakBufferedBytes() {
        return peakBuffered.get();
    }

    public long peakDrainedAtFin() {
        return peakDrained.get();
    }

    // ---- for sessions ----------------------------------------------------------------------------

    ProxySpec spec() {
        return spec;
    }

    ConnectionObserver observer() {
        return observer;
    }

    /** Whether sessions let the last bytes before a FIN share its segment ({@link FinCoalescing}). */
    boolean coalescesFin() {
        return coalescesFin;
    }

    /** Whether sessions read their sockets' effective options (some observer wants them). */
    boolean readsOptions() {
        return readsOptions;
    }

    SocketTuner downstreamTuner() {
        return downstreamTuner;
    }

    SocketTuner upstreamTuner() {
        return upstreamTuner;
    }

    UpstreamConnector connector() {
        return connector;
    }

    /** A bootstrap for an upstream channel to {@code target} on {@code loop}, with the relay's options and the tuner's. */
    Bootstrap upstreamBootstrap(EventLoop loop, InetSocketAddress target) {
        Bootstrap b = new Bootstrap()
                .group(loop)
                .channelFactory((ChannelFactory<Channel>) () -> transport.newSocketChannel(target.getAddress()))
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .option(ChannelOption.RCVBUF_ALLOCATOR, recvAllocator)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark);
        upstreamTuner.configure(b);
        return b;
    }

    void recordBuffered(long bytes) {
        peakBuffered.accumulate(bytes);
    }

    void recordDrained(long bytes) {
        peakDrained.accumulate(bytes);
    }

    /** RST: SO_LINGER 0 makes close() abort the connection. */
    void resetSocket(Channel ch) {
        try {
            ch.config().setOption(ChannelOption.SO_LINGER, 0);
        } catch (RuntimeException e) {
            log.debug("[{}] SO_LINGER 0 failed on {}: {}", spec.name(), ch, e.toString());
        }
        ch.close();
    }

    void sessionStarted(Session s) {
        sessions.add(s);
    }

    void sessionEnded(Session s, ConnectionSummary summary) {
        limiter.release(summary.client().getAddress());
        observer.closed(summary);
        synchronized (sessions) {
            sessions.remove(s);
            sessions.notifyAll();
        }
    }
}
