package dev.synack.proxy;

import dev.synack.config.CloseAction;
import dev.synack.net.FinCoalescing;
import dev.synack.observe.CloseReason;
import dev.synack.observe.ConnectionInfo;
import dev.synack.observe.ConnectionSummary;
import dev.synack.observe.Direction;
import dev.synack.observe.OptionReading;
import dev.synack.observe.Peer;
import dev.synack.observe.Side;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DuplexChannel;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One proxied connection: the downstream channel (accepted from the client) and the upstream channel
 * (opened to the service), both on one event loop, so nothing here needs a lock.
 *
 * <p>Bytes read on one side are written to the other; the next read is asked for only while the other
 * side is writable, so a slow reader throttles a fast writer and at most {@code high_watermark +
 * read_size} bytes wait per direction. A FIN read on one side is forwarded as {@code shutdownOutput()}
 * on the other only once every byte before it has been flushed; the other direction flows on until its
 * own FIN. An RST read on one side is passed on as configured by {@code on_peer_reset}. Every session
 * ends once, with one {@link CloseReason}, and is reported when both channels are closed.
 */
final class Session implements ConnectionInfo {
    private static final Logger log = LoggerFactory.getLogger(Session.class);

    private final ProxyServer proxy;
    private final long id;
    private final Channel downstream;
    private final InetSocketAddress client;
    private final EventLoop loop;
    private final long startNanos = System.nanoTime();

    private Channel upstream;
    private InetSocketAddress upstreamAddress;
    private int attempts;
    private long connectNanos = -1;
    private List<OptionReading> downstreamOptions = List.of();
    private List<OptionReading> upstreamOptions = List.of();

    private final HeldBytes counts;
    private final boolean[] readAsked = new boolean[2];
    private final boolean[] finRead = new boolean[2];
    private final boolean[] finSent = new boolean[2];
    private final boolean[] paused = new boolean[2];
    private final boolean[] flushQueued = new boolean[2];
    private final Runnable[] flushTasks = {flushTask(Side.DOWNSTREAM), flushTask(Side.UPSTREAM)};

    private Peer closedFirst;
    private CloseReason reason;
    private int openChannels = 1;
    private final SessionTimers timers;
    private Runnable cancelConnect = () -> {};

    Session(ProxyServer proxy, long id, Channel downstream) {
        this.proxy = proxy;
        this.id = id;
        this.downstream = downstream;
        this.client = (InetSocketAddress) downstream.remoteAddress();
        this.loop = downstream.eventLoop();
        this.timers = new SessionTimers(loop, proxy.spec().limits(), this::endGracefully);
        this.counts = new HeldBytes(proxy);
        downstream.closeFuture().addListener(f -> channelClosed());
    }

    // ---- lifecycle -------------------------------------------------------------------------------

    /** The downstream channel is active: take its options, arm the timers, start connecting upstream. */
    void start() {
        if (proxy.readsOptions()) {
            downstreamOptions = proxy.downstreamTuner().read(downstream);
        }
        proxy.sessionStarted(this);
        proxy.observer().accepted(this);
        timers.accepted();
        proxy.connector().connect(this);
    }

    /** Called by the connector before each attempt. */
    void connecting(InetSocketAddress target, int attempt, Runnable cancel) {
        this.upstreamAddress = target;
        this.attempts = attempt;
        this.cancelConnect = cancel;
    }

    /** The upstream channel is connected and tuned: relay in both directions. */
    void connected(Channel ch, long connectNanos) {
        cancelConnect = () -> {};
        if (reason != null) {
            ch.close();
            return;
        }
        this.upstream = ch;
        this.connectNanos = connectNanos;
        this.upstreamAddress = (InetSocketAddress) ch.remoteAddress();
        openChannels++;
        ch.closeFuture().addListener(f -> channelClosed());
        if (proxy.readsOptions()) {
            upstreamOptions = proxy.upstreamTuner().read(ch);
        }
        proxy.observer().connected(this, upstreamAddress, connectNanos);
        timers.connected();
        ByteBuf first = counts.pollEarly();
        if (first != null) {
            int dir = Direction.CLIENT_TO_SERVICE.ordinal();
            for (ByteBuf buf = first; buf != null; buf = counts.pollEarly()) {
                write(upstream, buf, dir, Side.UPSTREAM, true);
            }
            upstream.flush();
        }
        if (finRead[Side.DOWNSTREAM.ordinal()]) {
            sendFin(Side.UPSTREAM, this::maybeComplete);
        } else {
            requestRead(Side.DOWNSTREAM);
        }
        requestRead(Side.UPSTREAM);
    }

    /** Every attempt to every upstream failed. */
    void unreachable() {
        cancelConnect = () -> {};
        if (!end(CloseReason.UPSTREAM_UNREACHABLE, Peer.PROXY)) {
            return;
        }
        if (proxy.spec().onUpstreamFailure() == CloseAction.RESET) {
            reset(Side.DOWNSTREAM);
        } else {
            closeGracefully(Side.DOWNSTREAM);
        }
    }

    /** Shutdown deadline passed: reset both legs. Runs on the session's loop. */
    void resetNow(CloseReason why) {
        if (end(why, Peer.PROXY)) {
            reset(Side.DOWNSTREAM);
            reset(Side.UPSTREAM);
        }
    }

    EventLoop eventLoop() {
        return loop;
    }

    /** Whether {@code ch} is this session's connected upstream leg. */
    boolean isUpstream(Channel ch) {
        return ch == upstream;
    }

    // ---- relay -------------------------------------------------------------------------------------

    void relay(Side side, ByteBuf buf) {
        Channel out = channel(side.other());
        int n = buf.readableBytes();
        int dir = Direction.readOn(side).ordinal();
        timers.activity();
        proxy.observer().bytesRead(this, side, n);
        // epoll and io_uring read a socket to EOF when its FIN arrives, asked or not.
        counts.read(dir, n, readAsked[side.ordinal()]);
        readAsked[side.ordinal()] = false;
        if (reason != null || finSent[side.other().ordinal()]) {
            buf.release();
            return;
        }
        if (out == null) {
            counts.keepEarly(buf);
            return;
        }
        write(out, buf, dir, side.other(), false);
    }

    /** Writes {@code buf} to {@code out}; it counts as held until the transport has written it. */
    private void write(Channel out, ByteBuf buf, int dir, Side outSide, boolean heldAlready) {
        int n = buf.readableBytes();
        if (!heldAlready) {
            counts.hold(dir, n);
        }
        out.write(buf).addListener(f -> {
            counts.written(dir, n);
            if (!f.isSuccess()) {
                failed(outSide, f.cause());
            }
        });
    }

    private void requestRead(Side side) {
        readAsked[side.ordinal()] = true;
        channel(side).read();
    }

    void readComplete(Side side) {
        Channel out = channel(side.other());
        if (out == null) {
            return;
        }
        if (readEndedAtEof(side)) {
            if (proxy.coalescesFin() && reason == null && !counts.nothingHeld(Direction.readOn(side))) {
                // The FIN follows these bytes at once: let them leave in its segment.
                FinCoalescing.corkBeforeFin(out);
            }
            out.flush();
        } else {
            flushSoon(side.other());
        }
        if (reason != null || finRead[side.ordinal()]) {
            return;
        }
        if (out.isWritable()) {
            requestRead(side);
        } else {
            paused[side.ordinal()] = true;
            proxy.observer().backpressure(this, side, true);
        }
    }

    /**
     * Flushes {@code side} once the loop has handled the rest of the events it is handling now, instead
     * of at once. A peer's FIN often comes in the same wake-up as its last bytes (EPOLLIN|EPOLLRDHUP), but
     * the transport reads it in a second pass; flushed only then, the bytes can leave in the FIN's segment.
     * Costs one task per read, and no byte waits longer than the loop's current pass.
     */
    private void flushSoon(Side side) {
        int i = side.ordinal();
        if (!flushQueued[i]) {
            flushQueued[i] = true;
            loop.execute(flushTasks[i]);
        }
    }

    private Runnable flushTask(Side side) {
        return () -> {
            flushQueued[side.ordinal()] = false;
            channel(side).flush();
        };
    }

    /** Whether the read that just completed on {@code side} ended at the peer's FIN (read returned EOF). */
    private boolean readEndedAtEof(Side side) {
        return channel(side).unsafe().recvBufAllocHandle().lastBytesRead() < 0;
    }

    void writabilityChanged(Side side) {
        Side reader = side.other();
        Channel ch = channel(side);
        if (ch != null && ch.isWritable() && paused[reader.ordinal()] && reason == null) {
            paused[reader.ordinal()] = false;
            proxy.observer().backpressure(this, reader, false);
            requestRead(reader);
        }
    }

    /** A FIN arrived on {@code side}: forward it once everything read before it has been flushed. */
    void finRead(Side side) {
        if (finRead[side.ordinal()]) {
            return;
        }
        finRead[side.ordinal()] = true;
        if (reason != null) {
            // Ending already: a leg that was being closed gracefully has now seen the peer's FIN.
            closeIfDone(side);
            return;
        }
        timers.activity();
        proxy.observer().finRead(this, side);
        if (closedFirst == null) {
            closedFirst = side.peer();
        }
        sendFin(side.other(), this::maybeComplete);
    }

    void failed(Side side, Throwable cause) {
        Channel ch = channel(side);
        if (ch == null) {
            return;
        }
        if (reason != null) {
            ch.close();
            return;
        }
        if (SocketErrors.isReset(cause)) {
            proxy.observer().resetRead(this, side);
            end(side == Side.DOWNSTREAM ? CloseReason.CLIENT_RST : CloseReason.SERVICE_RST, side.peer());
        } else {
            proxy.observer().socketError(this, side, cause);
            log.info("[{}#{}] {} socket error: {}", proxy.name(), id, side.name().toLowerCase(), SocketErrors.describe(cause));
            log.debug("[{}#{}] {} socket error", proxy.name(), id, side.name().toLowerCase(), cause);
            end(CloseReason.ERROR, side.peer());
        }
        ch.close();
        if (proxy.spec().onPeerReset() == CloseAction.RESET) {
            reset(side.other());
        } else {
            closeGracefully(side.other());
        }
    }

    /**
     * A channel closed without us closing it. A leg whose FIN we sent closes itself at its peer's FIN
     * (see {@link #lastEventIsFin}): that is the FIN. Anything else closed under us is an error.
     */
    void inactive(Side side) {
        if (reason != null) {
            return;
        }
        if (finSent[side.ordinal()] && !finRead[side.ordinal()]) {
            finRead(side);
            return;
        }
        end(CloseReason.ERROR, side.peer());
        reset(side.other());
    }

    // ---- ending ------------------------------------------------------------------------------------

    private void maybeComplete() {
        if (finSent[0] && finSent[1] && reason == null) {
            end(closedFirst == Peer.SERVICE ? CloseReason.SERVICE_FIN : CloseReason.CLIENT_FIN, closedFirst);
            downstream.close();
            upstream.close();
        }
    }

    private void endGracefully(CloseReason why) {
        if (end(why, Peer.PROXY)) {
            closeGracefully(Side.DOWNSTREAM);
            closeGracefully(Side.UPSTREAM);
        }
    }

    /** Marks the session ended; false if it already was. Only the first reason counts. */
    private boolean end(CloseReason why, Peer closer) {
        if (reason != null) {
            return false;
        }
        reason = why;
        if (closedFirst == null) {
            closedFirst = closer;
        }
        timers.cancel();
        cancelConnect.run();
        counts.releaseEarly();
        log.debug("[{}#{}] ending: {}", proxy.name(), id, why.label());
        return true;
    }

    /** Sends an RST on {@code side}: SO_LINGER 0, then close. */
    private void reset(Side side) {
        Channel ch = channel(side);
        if (ch == null || !ch.isOpen()) {
            return;
        }
        proxy.observer().resetSent(this, side);
        proxy.resetSocket(ch);
    }

    /**
     * Sends a FIN on {@code side} after its pending writes, then discards what the peer still sends
     * until its FIN (closing a socket with unread data would turn the FIN into an RST); all of it
     * bounded by {@link ProxyServer#LINGER_AFTER_FIN_MILLIS}, after which the leg is reset.
     */
    private void closeGracefully(Side side) {
        Channel ch = channel(side);
        if (ch == null || !ch.isOpen()) {
            return;
        }
        // Bounded: a peer that neither reads what is pending nor sends its FIN gets an RST.
        loop.schedule(() -> reset(side), ProxyServer.LINGER_AFTER_FIN_MILLIS, TimeUnit.MILLISECONDS);
        Runnable afterFin = () -> {
            if (finRead[side.ordinal()]) {
                ch.close();
            } else {
                ch.config().setAutoRead(true);
            }
        };
        if (finSent[side.ordinal()]) {
            afterFin.run();
        } else {
            sendFin(side, afterFin);
        }
    }

    private void closeIfDone(Side side) {
        Channel ch = channel(side);
        if (ch != null && finSent[side.ordinal()]) {
            ch.close();
        }
    }

    /** Flushes what is pending on {@code side}, then shuts its output (FIN), then runs {@code then}. */
    private void sendFin(Side side, Runnable then) {
        Channel ch = channel(side);
        if (ch == null || !ch.isActive()) {
            return;
        }
        Runnable shutdown = () -> {
            if (finRead[side.ordinal()] && finSent[side.other().ordinal()]) {
                // The last FIN of the session: close() sends it (nothing is left unread on this leg), and
                // saves the shutdown() that close() would follow at once.
                finSent[side.ordinal()] = true;
                proxy.observer().finSent(this, side);
                then.run();
                return;
            }
            ((DuplexChannel) ch).shutdownOutput().addListener(shut -> {
                if (!shut.isSuccess()) {
                    failed(side, shut.cause());
                    return;
                }
                finSent[side.ordinal()] = true;
                proxy.observer().finSent(this, side);
                if (!finRead[side.ordinal()]) {
                    lastEventIsFin(ch);
                }
                then.run();
            });
        };
        if (counts.nothingHeld(Direction.readOn(side.other()))) {
            shutdown.run(); // every byte for this side is written already: nothing to wait for
            return;
        }
        // shutdownOutput() would fail the writes still queued: the FIN waits for the last of them.
        ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(flushed -> {
            if (flushed.isSuccess()) {
                shutdown.run();
            } else {
                failed(side, flushed.cause());
            }
        });
    }

    /**
     * Our FIN is out on {@code ch}, so its peer's FIN is the last thing it can bring: without
     * half-closure the transport closes the channel at that EOF at once (one shutdown() and one epoll
     * change fewer), and {@link #inactive} takes the close for the FIN.
     */
    private static void lastEventIsFin(Channel ch) {
        ch.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, false);
    }

    private void channelClosed() {
        if (--openChannels > 0) {
            return;
        }
        if (reason == null) {
            end(CloseReason.ERROR, Peer.PROXY);
        }
        proxy.sessionEnded(this, summary());
    }

    private ConnectionSummary summary() {
        return new ConnectionSummary(id, proxy.name(), client, upstreamAddress, attempts, connectNanos,
                System.nanoTime() - startNanos, counts.read(Direction.CLIENT_TO_SERVICE), counts.read(Direction.SERVICE_TO_CLIENT), closedFirst, reason,
                downstreamOptions, upstreamOptions);
    }

    private Channel channel(Side side) {
        return side == Side.DOWNSTREAM ? downstream : upstream;
    }

    // ---- ConnectionInfo ----------------------------------------------------------------------------

    @Override public long id() { return id; }
    @Override public String proxy() { return proxy.name(); }
    @Override public InetSocketAddress client() { return client; }
    @Override public InetSocketAddress upstream() { return upstreamAddress; }
    @Override public long bytes(Direction direction) { return counts.read(direction); }

    @Override
    public List<OptionReading> options(Side side) {
        return side == Side.DOWNSTREAM ? downstreamOptions : upstreamOptions;
    }

    @Override
    public String toString() {
        return proxy.name() + "#" + id;
    }
}
