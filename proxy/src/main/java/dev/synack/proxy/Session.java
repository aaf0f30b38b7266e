package dev.synack.proxy;

import dev.synack.config.CloseAction;
import dev.synack.config.FaultStream;
import dev.synack.fault.AcceptDecision;
import dev.synack.fault.Fault;
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

/**
 * One proxied connection: the downstream socket (accepted from the client) and the upstream socket
 * (opened to the service), both on one event loop, so nothing here needs a lock.
 *
 * <p>The session holds the connection's state and its life cycle (accept, connect, the faults, what
 * observers and the admin API read); how bytes and FINs flow between the two legs is {@link SessionFlow},
 * how the connection ends (a peer's RST, synack's own FIN or RST, timers, faults, the fds' close) is
 * {@link SessionEndings}. The session talks to each {@link Leg} in terms of write, FIN and abort; every
 * session ends once, with one {@link CloseReason}, and is reported when both sockets are closed.
 */
final class Session implements ConnectionInfo {
    /**
     * How long a leg that synack closes with a FIN (idle timeout, max duration, on_peer_reset: close,
     * on_upstream_failure: close, a fault) may take to flush and receive the peer's FIN before it is reset.
     */
    static final long LINGER_AFTER_FIN_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final Runnable NOTHING = () -> {};

    final ProxyContext ctx;
    final ConnectionObserver observer;
    private final long id;
    private final ConnectionLimiter.Slot slot;
    final Leg down = new Leg(this, Side.DOWNSTREAM);
    final Leg up = new Leg(this, Side.UPSTREAM);
    private final InetSocketAddress client;
    private final EventLoop loop;
    private final long startNanos;
    final ByteLedger bytes;
    final SessionTimers timers;
    final Splices splices = new Splices();

    private InetSocketAddress upstreamAddress;
    private int attempts;
    private long connectNanos = -1;
    /** Who closed first, and the reason the session ends (set once, the first counts), kept for {@link SessionEndings}. */
    Peer closedFirst;
    CloseReason reason;
    boolean reported;
    private Runnable cancelConnect = NOTHING;
    private final RandomGenerator random;
    /** What the connection-level faults decided at accept (not the whole Admitted: it is held for the session's life). */
    private final AcceptDecision decision;
    /** Null while the connection has no fault: made at the first one (136 bytes saved on every other connection). */
    private SessionFaults faults;
    private boolean started;
    private final boolean readsTcpInfo;
    /** What an observer keeps on the session (the mirror engine: the connection's mirror); null for none. */
    private Object attachment;

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
        this.timers = new SessionTimers(ctx.clock(), loop, ctx.spec().limits(), why -> SessionEndings.endGracefully(this, why));
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
        if (!SessionEndings.end(this, why, Peer.PROXY)) {
            return;
        }
        if (ctx.spec().onUpstreamFailure() == CloseAction.RESET) {
            down.abort();
        } else {
            SessionEndings.closeGracefully(this, down);
        }
    }

    /** Resets both legs: shutdown, a proxy disabled with its connections, a reset asked for by the API. Runs on the session's loop. */
    void resetNow(CloseReason why) {
        if (SessionEndings.end(this, why, Peer.PROXY)) {
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

    // ---- relay (how bytes and FINs flow: SessionFlow) -----------------------------------------------

    /** A spliced direction's reading waits for the other socket to drain the pipe, or goes on. */
    void spliceBackpressure(Leg in, boolean paused) {
        observer.backpressure(this, in.side, paused, now());
    }

    /** {@code side}'s socket was read to its end after its FIN had been reported (see {@link SplicedDirection}). */
    void inputDrained(Side side) {
        splices.inputDrained(side);
    }

    /** {@code n} bytes were spliced out of {@code in}'s socket: read, as the copy path's {@link SessionFlow#relay} counts them. */
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

    // ---- what the outbound tails report (the rest, and the endings: SessionEndings) ---------------

    void written(Leg leg, int n) {
        bytes.written(leg.written.ordinal(), n);
        observer.bytesWritten(this, leg.side, n);
    }

    /** The session is ending: no more timers, connects, splices or early bytes. */
    void stopActivity() {
        timers.cancel();
        cancelConnect.run();
        splices.stop();
        bytes.discardEarly();
    }

    /** Every socket is closed and the session ended: the slot is freed and the summary reported. */
    void report() {
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

    Leg leg(Side side) {
        return side == Side.DOWNSTREAM ? down : up;
    }

    Leg other(Leg leg) {
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
    @Override public Object attachment() { return attachment; }
    @Override public void attach(Object attachment) { this.attachment = attachment; }
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
