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
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One proxied connection: the downstream channel (accepted from the client) and the upstream channel
 * (opened to the service), both on one event loop, so nothing here needs a lock.
 *
 * <p>Bytes read on one side are written to the other; the next read is asked for only while the other
 * side is writable, so a slow reader throttles a fast writer and at most {@code high_watermark +
 * read_size} bytes wait per direction. A FIN read on one side is forwarded on the other only once every
 * byte before it has been flushed ({@link LegCloser}); the other direction flows on until its own FIN.
 * An RST read on one side is passed on as configured by {@code on_peer_reset}. Every session ends once,
 * with one {@link CloseReason}, and is reported when both channels are closed. Each side's channel and
 * state is a {@link Leg}.
 */
final class Session implements ConnectionInfo {
    private static final Logger log = LoggerFactory.getLogger(Session.class);

    private final ProxyServer proxy;
    private final long id;
    private final Leg down = new Leg(Side.DOWNSTREAM);
    private final Leg up = new Leg(Side.UPSTREAM);
    private final InetSocketAddress client;
    private final EventLoop loop;
    private final long startNanos = System.nanoTime();

    private InetSocketAddress upstreamAddress;
    private int attempts;
    private long connectNanos = -1;

    private final HeldBytes counts;
    private final LegCloser closer;

    private Peer closedFirst;
    private CloseReason reason;
    private int openChannels = 1;
    private final SessionTimers timers;
    private Runnable cancelConnect = () -> {};

    Session(ProxyServer proxy, long id, Channel downstream) {
        this.proxy = proxy;
        this.id = id;
        this.down.channel = downstream;
        this.client = (InetSocketAddress) downstream.remoteAddress();
        this.loop = downstream.eventLoop();
        this.timers = new SessionTimers(loop, proxy.spec().limits(), this::endGracefully);
        this.counts = new HeldBytes(proxy);
        this.closer = new LegCloser(this, proxy, counts);
        downstream.closeFuture().addListener(f -> channelClosed());
    }

    // ---- lifecycle -------------------------------------------------------------------------------

    /** The downstream channel is active: take its options, arm the timers, start connecting upstream. */
    void start() {
        if (proxy.readsOptions()) {
            down.options = proxy.downstreamTuner().read(down.channel);
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
        up.channel = ch;
        this.connectNanos = connectNanos;
        this.upstreamAddress = (InetSocketAddress) ch.remoteAddress();
        openChannels++;
        ch.closeFuture().addListener(f -> channelClosed());
        if (proxy.readsOptions()) {
            up.options = proxy.upstreamTuner().read(ch);
        }
        proxy.observer().connected(this, upstreamAddress, connectNanos);
        timers.connected();
        ByteBuf first = counts.pollEarly();
        if (first != null) {
            int dir = Direction.CLIENT_TO_SERVICE.ordinal();
            for (ByteBuf buf = first; buf != null; buf = counts.pollEarly()) {
                write(up, buf, dir, true);
            }
            ch.flush();
        }
        if (down.finRead) {
            closer.sendFin(up, down, this::maybeComplete);
        } else {
            down.requestRead();
        }
        up.requestRead();
    }

    /** Every attempt to every upstream failed. */
    void unreachable() {
        cancelConnect = () -> {};
        if (!end(CloseReason.UPSTREAM_UNREACHABLE, Peer.PROXY)) {
            return;
        }
        if (proxy.spec().onUpstreamFailure() == CloseAction.RESET) {
            closer.reset(down);
        } else {
            closer.closeGracefully(down, up);
        }
    }

    /** Shutdown deadline passed: reset both legs. Runs on the session's loop. */
    void resetNow(CloseReason why) {
        if (end(why, Peer.PROXY)) {
            closer.reset(down);
            closer.reset(up);
        }
    }

    EventLoop eventLoop() {
        return loop;
    }

    /** Whether {@code ch} is this session's connected upstream leg. */
    boolean isUpstream(Channel ch) {
        return ch == up.channel;
    }

    // ---- relay -------------------------------------------------------------------------------------

    void relay(Side side, ByteBuf buf) {
        Leg in = leg(side);
        Leg out = other(in);
        int n = buf.readableBytes();
        int dir = Direction.readOn(side).ordinal();
        timers.activity();
        proxy.observer().bytesRead(this, side, n);
        // epoll and io_uring read a socket to EOF when its FIN arrives, asked or not.
        counts.read(dir, n, in.readAsked);
        in.readAsked = false;
        if (reason != null || out.finSent) {
            buf.release();
            return;
        }
        if (out.channel == null) {
            counts.keepEarly(buf);
            return;
        }
        write(out, buf, dir, false);
    }

    /** Writes {@code buf} to {@code out}; it counts as held until the transport has written it. */
    private void write(Leg out, ByteBuf buf, int dir, boolean heldAlready) {
        int n = buf.readableBytes();
        if (!heldAlready) {
            counts.hold(dir, n);
        }
        out.channel.write(buf).addListener(f -> {
            counts.written(dir, n);
            if (!f.isSuccess()) {
                failed(out.side, f.cause());
            }
        });
    }

    void readComplete(Side side) {
        Leg in = leg(side);
        Leg out = other(in);
        if (out.channel == null) {
            return;
        }
        if (in.readEndedAtEof()) {
            if (proxy.coalescesFin() && reason == null && !counts.nothingHeld(Direction.readOn(side))) {
                // The FIN follows these bytes at once: let them leave in its segment.
                FinCoalescing.corkBeforeFin(out.channel);
            }
            out.channel.flush();
        } else {
            out.flushSoon();
        }
        if (reason != null || in.finRead) {
            return;
        }
        if (out.channel.isWritable()) {
            in.requestRead();
        } else {
            in.paused = true;
            proxy.observer().backpressure(this, side, true);
        }
    }

    void writabilityChanged(Side side) {
        Leg writer = leg(side);
        Leg reader = other(writer);
        if (writer.channel != null && writer.channel.isWritable() && reader.paused && reason == null) {
            reader.paused = false;
            proxy.observer().backpressure(this, reader.side, false);
            reader.requestRead();
        }
    }

    /** A FIN arrived on {@code side}: forward it once everything read before it has been flushed. */
    void finRead(Side side) {
        Leg in = leg(side);
        if (in.finRead) {
            return;
        }
        in.finRead = true;
        if (reason != null) {
            // Ending already: a leg that was being closed gracefully has now seen the peer's FIN.
            if (in.finSent) {
                in.channel.close();
            }
            return;
        }
        timers.activity();
        proxy.observer().finRead(this, side);
        if (closedFirst == null) {
            closedFirst = side.peer();
        }
        closer.sendFin(other(in), in, this::maybeComplete);
    }

    void failed(Side side, Throwable cause) {
        Channel ch = leg(side).channel;
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
            closer.reset(leg(side.other()));
        } else {
            closer.closeGracefully(leg(side.other()), leg(side));
        }
    }

    /**
     * A channel closed without us closing it. A leg whose FIN we sent closes itself at its peer's FIN
     * (see {@link Leg#closeAtPeersFin}): that is the FIN. Anything else closed under us is an error.
     */
    void inactive(Side side) {
        if (reason != null) {
            return;
        }
        if (leg(side).closedAtPeersFin()) {
            finRead(side);
            return;
        }
        end(CloseReason.ERROR, side.peer());
        closer.reset(leg(side.other()));
    }

    // ---- ending ------------------------------------------------------------------------------------

    private void maybeComplete() {
        if (down.finSent && up.finSent && reason == null) {
            end(closedFirst == Peer.SERVICE ? CloseReason.SERVICE_FIN : CloseReason.CLIENT_FIN, closedFirst);
            down.channel.close();
            up.channel.close();
        }
    }

    private void endGracefully(CloseReason why) {
        if (end(why, Peer.PROXY)) {
            closer.closeGracefully(down, up);
            closer.closeGracefully(up, down);
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
                down.options, up.options);
    }

    private Leg leg(Side side) {
        return side == Side.DOWNSTREAM ? down : up;
    }

    private Leg other(Leg leg) {
        return leg == down ? up : down;
    }

    // ---- ConnectionInfo ----------------------------------------------------------------------------

    @Override public long id() { return id; }
    @Override public String proxy() { return proxy.name(); }
    @Override public InetSocketAddress client() { return client; }
    @Override public InetSocketAddress upstream() { return upstreamAddress; }
    @Override public long bytes(Direction direction) { return counts.read(direction); }

    @Override
    public List<OptionReading> options(Side side) {
        return leg(side).options;
    }

    @Override
    public String toString() {
        return proxy.name() + "#" + id;
    }
}
