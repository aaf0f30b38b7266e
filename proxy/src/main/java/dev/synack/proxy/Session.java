package dev.synack.proxy;

import dev.synack.config.CloseAction;
import dev.synack.config.FaultStream;
import dev.synack.fault.AcceptDecision;
import dev.synack.fault.Fault;
import dev.synack.fault.FaultFailedException;
import dev.synack.fault.SessionFaults;
import dev.synack.observe.CloseReason;
import dev.synack.observe.ConnectionInfo;
import dev.synack.observe.ConnectionObserver;
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
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One proxied connection: the downstream socket (accepted from the client) and the upstream socket
 * (opened to the service), both on one event loop, so nothing here needs a lock.
 *
 * <p>Bytes read on one side are written to the other; the next read is asked for only while the other
 * side is writable, so a slow reader throttles a fast writer and at most {@code high_watermark +
 * read_size} bytes wait per direction. A FIN read on one side is written into the other side's outbound
 * path behind the bytes before it ({@link OutboundTail} sends it once they are flushed); the other
 * direction flows on until its own FIN. An RST read on one side is passed on as configured by
 * {@code on_peer_reset}. The session decides the order and the endings and talks to each {@link Leg} in
 * terms of write, FIN and abort; every session ends once, with one {@link CloseReason}, and is reported
 * when both sockets are closed.
 */
final class Session implements ConnectionInfo {
    private static final Logger log = LoggerFactory.getLogger(Session.class);

    /**
     * How long a leg that synack closes with a FIN (idle timeout, max duration, on_peer_reset: close,
     * on_upstream_failure: close, a fault) may take to flush and receive the peer's FIN before it is reset.
     */
    static final long LINGER_AFTER_FIN_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final Runnable NOTHING = () -> {};

    private final ProxyContext ctx;
    private final ConnectionObserver observer;
    private final long id;
    private final ConnectionLimiter.Slot slot;
    private final Leg down = new Leg(this, Side.DOWNSTREAM);
    private final Leg up = new Leg(this, Side.UPSTREAM);
    private final InetSocketAddress client;
    private final EventLoop loop;
    private final long startNanos;
    private final ByteLedger bytes;
    private final SessionTimers timers;
    private final Splices splices = new Splices();

    private InetSocketAddress upstreamAddress;
    private int attempts;
    private long connectNanos = -1;
    private Peer closedFirst;
    /** Set once the session is ending; the first reason counts. */
    private CloseReason reason;
    private boolean reported;
    private Runnable cancelConnect = NOTHING;
    private final RandomGenerator random;
    /** What the connection-level faults decided at accept (not the whole Admitted: it is held for the session's life). */
    private final AcceptDecision decision;
    /** Null while the connection has no fault: made at the first one (136 bytes saved on every other connection). */
    private SessionFaults faults;
    private boolean started;
    private final boolean readsTcpInfo;

    Session(ProxyContext ctx, long id, Admitted admitted, Channel downstream) {
        this.ctx = ctx;
        this.observer = ctx.observer();
        this.id = id;
        this.decision = admitted.decision();
        this.slot = admitted.slot();
        this.random = admitted.random();
        this.down.adopt(downstream);
        this.client = down.remote;
        this.loop = downstream.eventLoop();
        this.startNanos = ctx.clock().nanoTime();
        this.bytes = new ByteLedger(ctx.sessions());
        this.readsTcpInfo = ctx.readsTcpInfo(id);
        this.timers = new SessionTimers(ctx.clock(), loop, ctx.spec().limits(), this::endGracefully);
        // Toxicity is drawn here, once per fault and direction, in the proxy's order.
        if (!admitted.faults().isEmpty()) {
            this.faults = newFaults(admitted.faults());
        }
    }

    private SessionFaults newFaults(List<Fault> initial) {
        return new SessionFaults(new SessionFaultContext(this, FaultStream.UPSTREAM),
                new SessionFaultContext(this, FaultStream.DOWNSTREAM), initial);
    }

    Leg downstream() {
        return down;
    }

    Leg upstreamLeg() {
        return up;
    }

    // ---- lifecycle -------------------------------------------------------------------------------

    /** The downstream channel is active: take its options, arm the timers, start connecting upstream. */
    void start() {
        if (ctx.readsOptions()) {
            down.options = ctx.downstreamTuner().read(down.channel);
        }
        ctx.sessions().started(this);
        observer.accepted(this, now());
        started = true;
        if (faults != null) {
            faults.attach(FaultStream.DOWNSTREAM, down.channel);
        }
        timers.accepted();
        for (Fault f : decision.applied()) {
            faultApplied(f, f.stream());
        }
        new UpstreamConnector(this, ctx).start(decision.connectDelayNanos());
    }

    /** Called by the connector before each attempt. */
    void connecting(InetSocketAddress target, int attempt, Runnable cancel) {
        this.upstreamAddress = target;
        this.attempts = attempt;
        this.cancelConnect = cancel;
    }

    /** The upstream channel is connected and tuned: relay in both directions. */
    void connected(Channel ch, long connectNanos) {
        cancelConnect = NOTHING;
        if (reason != null) {
            ch.close();
            return;
        }
        up.adopt(ch);
        this.connectNanos = connectNanos;
        this.upstreamAddress = up.remote;
        if (ctx.readsOptions()) {
            up.options = ctx.upstreamTuner().read(ch);
        }
        observer.connected(this, upstreamAddress, connectNanos, now());
        if (faults != null) {
            faults.attach(FaultStream.UPSTREAM, ch);
        }
        timers.connected();
        ByteBuf early = bytes.pollEarly();
        if (early != null) {
            for (ByteBuf buf = early; buf != null; buf = bytes.pollEarly()) {
                up.write(buf);
            }
            ch.flush();
        }
        splices.start(this, down, up, faults);
        if (down.inputEnded) {
            up.fin();
        } else {
            down.requestRead();
        }
        up.requestRead();
    }

    /** Every attempt to every upstream failed: {@code why} is upstream_unreachable, or fd_limit when synack had no fd to try with. */
    void unreachable(CloseReason why) {
        cancelConnect = NOTHING;
        if (!end(why, Peer.PROXY)) {
            return;
        }
        if (ctx.spec().onUpstreamFailure() == CloseAction.RESET) {
            down.abort();
        } else {
            closeGracefully(down);
        }
    }

    /** Resets both legs: shutdown, a proxy disabled with its connections, a reset asked for by the API. Runs on the session's loop. */
    void resetNow(CloseReason why) {
        if (end(why, Peer.PROXY)) {
            down.abort();
            up.abort();
        }
    }

    EventLoop eventLoop() {
        return loop;
    }

    /** Whether {@code ch} is this session's connected upstream leg. */
    boolean isUpstream(Channel ch) {
        return ch == up.channel;
    }

    /** This session's own random stream (backoff jitter, fault toxicity): replayable from the proxy's seed. */
    RandomGenerator random() {
        return random;
    }

    /** The session's two fault chains, made (and attached to the sockets there are) at the first call; on the session's loop only. */
    SessionFaults faults() {
        if (faults == null) {
            faults = newFaults(List.of());
            if (started) {
                faults.attach(FaultStream.DOWNSTREAM, down.channel);
            }
            if (up.channel != null) {
                faults.attach(FaultStream.UPSTREAM, up.channel);
            }
        }
        return faults;
    }

    /** Changes the session's faults (on its loop): a spliced direction a fault now acts on copies again. */
    void changeFaults(java.util.function.Consumer<SessionFaults> change) {
        SessionFaults chains = faults();
        change.accept(chains);
        splices.faultsChanged(chains);
    }

    long now() {
        return ctx.clock().nanoTime();
    }

    /** Whether the legs read their sockets' tcp_info at their end (some observer wants it of this connection). */
    boolean readsTcpInfo() {
        return readsTcpInfo;
    }

    // ---- relay -------------------------------------------------------------------------------------

    void relay(Side side, ByteBuf buf) {
        Leg in = leg(side);
        Leg out = other(in);
        int n = buf.readableBytes();
        int dir = Direction.readOn(side).ordinal();
        timers.activity();
        observer.bytesRead(this, side, n);
        // epoll and io_uring read a socket to EOF when its FIN arrives, asked or not.
        bytes.read(dir, n, in.readAsked);
        in.readAsked = false;
        if (reason != null || out.output != Leg.Output.OPEN) {
            bytes.discarded(dir, n);
            buf.release();
            return;
        }
        if (out.channel == null) {
            bytes.keepEarly(buf);
            return;
        }
        out.write(buf);
    }

    void readComplete(Side side) {
        if (splices.passComplete(side)) {
            return;
        }
        Leg in = leg(side);
        Leg out = other(in);
        if (out.channel == null) {
            return;
        }
        out.flushSoon();
        if (reason != null || in.inputEnded) {
            return;
        }
        if (out.channel.isWritable()) {
            in.requestRead();
        } else {
            in.paused = true;
            observer.backpressure(this, side, true, now());
        }
    }

    void writabilityChanged(Side side) {
        Leg writer = leg(side);
        Leg reader = other(writer);
        if (writer.channel != null && writer.channel.isWritable() && reader.paused && reason == null) {
            reader.paused = false;
            observer.backpressure(this, reader.side, false, now());
            reader.requestRead();
        }
    }

    /** A FIN arrived on {@code side}: forward it behind everything read before it. */
    void finRead(Side side) {
        Leg in = leg(side);
        if (in.inputEnded || splices.holdsFin(side)) {
            return;
        }
        in.inputEnded = true;
        finArrived(in);
        forwardFin(in);
    }

    /**
     * The peer's FIN arrived on {@code in}'s socket: observers hear of it once, when it comes, even while a
     * splice still reads the bytes before it (it is passed on only after them, by {@link #finRead}).
     */
    void finArrived(Leg in) {
        if (!in.finReported) {
            in.finReported = true;
            observer.finRead(this, in.side, now());
        }
    }

    /** A spliced direction's reading waits for the other socket to drain the pipe, or goes on. */
    void spliceBackpressure(Leg in, boolean paused) {
        observer.backpressure(this, in.side, paused, now());
    }

    /** {@code side}'s socket was read to its end after its FIN had been reported (see {@link SplicedDirection}). */
    void inputDrained(Side side) {
        splices.inputDrained(side);
    }

    /** {@code n} bytes were spliced out of {@code in}'s socket: read, as the copy path's {@link #relay} counts them. */
    void splicedIn(Leg in, long n) {
        timers.activity();
        observer.bytesRead(this, in.side, (int) n);
        bytes.read(Direction.readOn(in.side).ordinal(), (int) n, true);
        in.readAsked = false;
    }

    /** Whether the session still relays (it is not ending). */
    boolean relaying() {
        return reason == null;
    }

    /** Whether {@code side}'s input may still hold bytes a splice has not read: its socket must not close at our FIN. */
    boolean readsSpliced(Side side) {
        return splices.splicing(side);
    }

    private void forwardFin(Leg in) {
        if (reason != null) {
            // Ending already: a leg closed gracefully has now seen its peer's FIN and is done.
            if (in.output == Leg.Output.FIN_SENT) {
                in.close();
            }
            return;
        }
        timers.activity();
        if (closedFirst == null) {
            closedFirst = in.side.peer();
        }
        other(in).fin();
    }

    void failed(Side side, Throwable cause) {
        Leg leg = leg(side);
        if (leg.channel == null) {
            return;
        }
        boolean reset = SocketErrors.isReset(cause);
        leg.lastLook();
        if (reset) {
            observer.resetRead(this, side, now());
        } else {
            observer.socketError(this, side, cause, now());
        }
        if (reason != null) {
            leg.close();
            return;
        }
        if (reset) {
            end(side == Side.DOWNSTREAM ? CloseReason.CLIENT_RST : CloseReason.SERVICE_RST, side.peer());
        } else if (cause instanceof FaultFailedException) {
            log.warn("[{}#{}] {}", ctx.name(), id, cause.getMessage());
            end(CloseReason.FAULT, Peer.PROXY);
        } else {
            log.info("[{}#{}] {} socket error: {}", ctx.name(), id, side.name().toLowerCase(), SocketErrors.describe(cause));
            log.debug("[{}#{}] {} socket error", ctx.name(), id, side.name().toLowerCase(), cause);
            end(CloseReason.ERROR, side.peer());
        }
        leg.close();
        if (ctx.spec().onPeerReset() == CloseAction.RESET) {
            other(leg).abort();
        } else {
            closeGracefully(other(leg));
        }
    }

    // ---- what the outbound tails report ------------------------------------------------------------

    void written(Leg leg, int n) {
        bytes.written(leg.written.ordinal(), n);
        observer.bytesWritten(this, leg.side, n);
    }

    void finSent(Leg leg) {
        boolean asked = leg.output == Leg.Output.FIN_QUEUED;
        leg.output = Leg.Output.FIN_SENT;
        observer.finSent(this, leg.side, now());
        if (reason != null) {
            if (leg.isOpen() && !leg.inputEnded) {
                leg.discardUntilFin();
            }
        } else if (!asked) {
            // A fault in the outbound path ended this direction: the session ends with it.
            endGracefully(CloseReason.FAULT);
        } else if (down.output == Leg.Output.FIN_SENT && up.output == Leg.Output.FIN_SENT) {
            end(closedFirst == Peer.SERVICE ? CloseReason.SERVICE_FIN : CloseReason.CLIENT_FIN, closedFirst);
            down.close();
            up.close();
        }
    }

    void resetSent(Leg leg) {
        boolean asked = leg.output == Leg.Output.RESET;
        leg.output = Leg.Output.RESET;
        observer.resetSent(this, leg.side, now());
        if (!asked && end(CloseReason.FAULT, Peer.PROXY)) {
            // A fault reset this socket: the other one is reset too, as on a peer's RST.
            other(leg).abort();
        }
    }

    /** A fault closed {@code leg}'s socket sending nothing: the session ends, the other socket with a FIN. */
    void vanished(Leg leg) {
        leg.output = Leg.Output.VANISHED;
        if (end(CloseReason.FAULT, Peer.PROXY)) {
            closeGracefully(other(leg));
        }
    }

    /**
     * A socket's fd closed. A leg whose FIN synack sent closes itself at its peer's FIN (half-closure is
     * off then, see {@link OutboundTail}): that close is the peer's FIN, reported as such before the close.
     * A socket closed under a relaying session with no FIN exchanged is an error.
     */
    void socketClosed(Leg leg) {
        if (leg.closed) {
            return;
        }
        leg.closed = true;
        boolean peersFin = !leg.closeAsked && leg.output == Leg.Output.FIN_SENT && !leg.inputEnded;
        if (peersFin) {
            leg.inputEnded = true;
            finArrived(leg);
        }
        observer.socketClosed(this, leg.side, now());
        if (peersFin) {
            forwardFin(leg);
        } else if (reason == null && !(leg.output == Leg.Output.FIN_SENT && leg.inputEnded)) {
            end(CloseReason.ERROR, leg.side.peer());
            other(leg).abort();
        }
        if (down.closed && (up.channel == null || up.closed)) {
            finish();
        }
    }

    // ---- ending ------------------------------------------------------------------------------------

    private void endGracefully(CloseReason why) {
        if (end(why, Peer.PROXY)) {
            closeGracefully(down);
            closeGracefully(up);
        }
    }

    /**
     * Sends a FIN on {@code leg} after its pending bytes, then discards what the peer still sends until its
     * FIN (closing a socket with unread data would turn the FIN into an RST); all of it bounded by
     * {@link #LINGER_AFTER_FIN_NANOS}, after which the leg is reset.
     */
    private void closeGracefully(Leg leg) {
        if (!leg.isOpen()) {
            return;
        }
        ctx.clock().schedule(loop, leg::abort, LINGER_AFTER_FIN_NANOS);
        if (leg.output == Leg.Output.FIN_SENT) {
            if (leg.inputEnded) {
                leg.close();
            } else {
                leg.discardUntilFin();
            }
        } else {
            leg.fin();
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
        splices.stop();
        bytes.discardEarly();
        log.debug("[{}#{}] ending: {}", ctx.name(), id, why.key());
        return true;
    }

    /** Every socket is closed: the session is over. */
    private void finish() {
        if (reported) {
            return;
        }
        reported = true;
        if (reason == null) {
            end(CloseReason.ERROR, Peer.PROXY);
        }
        ctx.sessions().release(client.getAddress(), slot);
        observer.closed(summary());
        ctx.sessions().ended(this);
    }

    /**
     * Reads both sockets' effective options now, on this session's loop: for the admin API, which asks
     * only when someone wants to see them, so sessions pay nothing for it otherwise. A socket already
     * closed keeps what was read at its set-up (nothing, unless an observer wanted the options).
     */
    SocketReadings readOptionsNow() {
        List<OptionReading> d = down.channel != null && down.channel.isOpen() ? ctx.downstreamTuner().read(down.channel) : down.options;
        List<OptionReading> u = up.channel == null ? null
                : up.channel.isOpen() ? ctx.upstreamTuner().read(up.channel) : up.options;
        return new SocketReadings(id, !reported, d, u);
    }

    private ConnectionSummary summary() {
        return new ConnectionSummary(id, ctx.name(), client, upstreamAddress, attempts, connectNanos, now() - startNanos,
                bytes.written(Direction.CLIENT_TO_SERVICE), bytes.written(Direction.SERVICE_TO_CLIENT),
                bytes.discarded(Direction.CLIENT_TO_SERVICE), bytes.discarded(Direction.SERVICE_TO_CLIENT),
                closedFirst, reason, down.options, up.options, down.endInfo, up.endInfo);
    }

    private Leg leg(Side side) {
        return side == Side.DOWNSTREAM ? down : up;
    }

    private Leg other(Leg leg) {
        return leg == down ? up : down;
    }

    static Direction direction(FaultStream stream) {
        return stream == FaultStream.UPSTREAM ? Direction.CLIENT_TO_SERVICE : Direction.SERVICE_TO_CLIENT;
    }

    /** A fault started acting on this session: the observer's event. */
    void faultApplied(Fault fault, FaultStream stream) {
        observer.faultApplied(ctx.name(), this, fault.name(), fault.type().name(), direction(stream), now());
    }

    /** A fault dropped {@code n} bytes of {@code direction}: counted as discarded, never as written. */
    void discarded(Direction direction, long n) {
        bytes.discarded(direction.ordinal(), n);
    }

    ProxyContext context() {
        return ctx;
    }

    // ---- ConnectionInfo ----------------------------------------------------------------------------

    @Override public long id() { return id; }
    @Override public java.util.concurrent.Executor executor() { return loop; }
    @Override public boolean isOpen() { return !reported; }
    @Override public long startNanos() { return startNanos; }
    @Override public String proxy() { return ctx.name(); }
    @Override public InetSocketAddress client() { return client; }
    @Override public InetSocketAddress upstream() { return upstreamAddress; }
    @Override public InetSocketAddress localAddress(Side side) { return leg(side).local; }
    @Override public InetSocketAddress remoteAddress(Side side) { return leg(side).remote; }
    @Override public long bytes(Direction direction) { return bytes.written(direction); }

    @Override
    public List<OptionReading> options(Side side) {
        return leg(side).options;
    }

    @Override
    public String toString() {
        return ctx.name() + "#" + id;
    }
}
