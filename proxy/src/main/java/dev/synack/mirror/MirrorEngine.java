package dev.synack.mirror;

import dev.synack.mirror.model.ObservedEvent;
import dev.synack.mirror.model.TcpState;
import dev.synack.observe.ConnectOutcome;
import dev.synack.observe.ConnectionInfo;
import dev.synack.observe.ConnectionObserver;
import dev.synack.observe.ConnectionSummary;
import dev.synack.observe.Direction;
import dev.synack.observe.Side;
import dev.synack.observe.SocketStates;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The mirror engine as a connection observer: two socket mirrors per session, fed with what the relay
 * reports, compared with the kernel by the {@link KernelPoller} (its own thread, one /proc scan per
 * interval for every session) and by a tcp_info read on the session's loop after each transition.
 * Ended connections stay tracked as compact records ({@link EndedConnection}) until the kernel forgets their
 * sockets, under a cap.
 *
 * <p>On the event loop each event costs a map look-up, a few small objects and, at most once per loop
 * pass, one getsockopt per socket; nothing blocks and /proc is never read there.
 *
 * <p>It is also the {@link SocketStates} of the relay's {@code on_state} fault triggers: a socket's mirror
 * that steps into a state runs the actions waiting for it on the session's loop.
 */
public final class MirrorEngine implements ConnectionObserver, SocketStates, AutoCloseable {
    private final KernelProbe probe;
    private final MirrorOptions options;
    private final LongSupplier clock;
    /** The sessions running; an ended one moves to {@link #ended} as a compact record. */
    private final Map<Long, ConnectionMirror> live = new ConcurrentHashMap<>();
    private final EndedConnections ended;
    private final DivergenceCounters counters;
    private final KernelPoller poller;
    private final MirrorQueries queries;
    private final ReadBudget handshakeReads;

    public MirrorEngine(KernelProbe probe, MirrorOptions options, LongSupplier clock) {
        this.probe = probe;
        this.options = options;
        this.clock = clock;
        this.counters = new DivergenceCounters(clock);
        this.ended = new EndedConnections(options.maxTracked());
        this.poller = new KernelPoller(probe, options, clock, live, ended);
        this.queries = new MirrorQueries(live, ended, counters, clock);
        this.handshakeReads = new ReadBudget(options.handshakeReads(), clock);
    }

    /** An engine on the real clock. */
    public MirrorEngine(KernelProbe probe, MirrorOptions options) {
        this(probe, options, System::nanoTime);
    }

    /** Starts the kernel poller's thread: one scan every {@code kernelPoll}. */
    public MirrorEngine start() {
        poller.start();
        return this;
    }

    /** The thread-safe read side: connections, timelines, divergences, counts, as views and as JSON. */
    public MirrorQueries queries() {
        return queries;
    }

    /**
     * Runs one poll now, on the poller's thread when started (the caller's otherwise), and completes once
     * every session's loop has read its sockets: a checkpoint for tests and for the demo.
     */
    public CompletableFuture<Void> sampleNow() {
        return poller.pollNow();
    }

    @Override
    public void close() {
        poller.close();
    }

    /** {@inheritDoc} A name that is not one of the states is an {@link IllegalArgumentException}: config checked it. */
    @Override
    public Registration whenState(long connectionId, Side side, String state, Runnable action) {
        TcpState target = TcpState.valueOf(state);
        ConnectionMirror m = live.get(connectionId);
        return m == null ? Registration.NONE : m.whenState(side, target, action);
    }

    /** How many {@link #whenState} actions wait, over every tracked connection: none once their connections end. */
    public int stateWatches() {
        return live.values().stream().mapToInt(ConnectionMirror::watching).sum();
    }

    private void on(ConnectionInfo c, Side side, long nanos, StepKind kind, ObservedEvent event) {
        ConnectionMirror m = mirrorOf(c);
        if (m != null) {
            m.observe(side, nanos, kind, event);
        }
    }

    /** The session's mirror: kept on the session (no map look-up, no boxed id per event), else by id. */
    private ConnectionMirror mirrorOf(ConnectionInfo c) {
        return c.attachment() instanceof ConnectionMirror m && m.sink == counters ? m : live.get(c.id());
    }

    @Override
    public void accepted(ConnectionInfo c, long nanos) {
        ConnectionMirror m = new ConnectionMirror(c, nanos, options, probe, clock, counters, handshakeReads);
        live.put(c.id(), m);
        c.attach(m);
        m.observe(Side.DOWNSTREAM, nanos, StepKind.HANDSHAKE_ACKED, ObservedEvent.ACCEPTED);
    }

    @Override
    public void connectStarted(ConnectionInfo c, InetSocketAddress target, int attempt, long nanos) {
        if (target.isUnresolved()) {
            return; // a name being resolved: no socket yet
        }
        on(c, Side.UPSTREAM, nanos, StepKind.CONNECT, ObservedEvent.CONNECT_STARTED);
    }

    @Override
    public void connected(ConnectionInfo c, InetSocketAddress target, long connectNanos, long nanos) {
        on(c, Side.UPSTREAM, nanos, StepKind.CONNECTED, ObservedEvent.CONNECTED);
    }

    @Override
    public void connectFailed(ConnectionInfo c, InetSocketAddress target, int attempt, ConnectOutcome outcome,
                              Throwable cause, long nanos) {
        switch (outcome) {
            case REFUSED -> on(c, Side.UPSTREAM, nanos, StepKind.REFUSED, ObservedEvent.REFUSED);
            case RESET -> on(c, Side.UPSTREAM, nanos, StepKind.REFUSED, ObservedEvent.REFUSED);
            case TIMEOUT -> on(c, Side.UPSTREAM, nanos, StepKind.CONNECT_TIMEOUT, ObservedEvent.CONNECT_TIMED_OUT);
            case UNRESOLVED, FD_LIMIT -> on(c, Side.UPSTREAM, nanos, StepKind.UNRESOLVED, null);
            default -> on(c, Side.UPSTREAM, nanos, StepKind.CONNECT_FAILED, ObservedEvent.CONNECT_TIMED_OUT);
        }
    }

    @Override
    public void finRead(ConnectionInfo c, Side side, long nanos) {
        on(c, side, nanos, StepKind.FIN_READ, ObservedEvent.FIN_READ);
    }

    @Override
    public void finSent(ConnectionInfo c, Side side, long nanos) {
        on(c, side, nanos, StepKind.FIN_SENT, ObservedEvent.FIN_SENT);
    }

    @Override
    public void resetRead(ConnectionInfo c, Side side, long nanos) {
        on(c, side, nanos, StepKind.RST_READ, ObservedEvent.RST_READ);
    }

    @Override
    public void resetSent(ConnectionInfo c, Side side, long nanos) {
        on(c, side, nanos, StepKind.RST_SENT, ObservedEvent.RST_SENT);
    }

    @Override
    public void socketError(ConnectionInfo c, Side side, Throwable cause, long nanos) {
        ConnectionMirror m = mirrorOf(c);
        if (m == null) {
            return;
        }
        if (isTimeout(cause)) {
            m.timedOut(side, nanos);
        } else {
            m.observe(side, nanos, StepKind.SOCKET_ERROR, null);
        }
    }

    @Override
    public void faultApplied(String proxy, ConnectionInfo c, String fault, String type, Direction direction, long nanos) {
        ConnectionMirror m = c == null ? null : mirrorOf(c);
        if (m != null) {
            m.faultActs(direction, fault, type);
        }
    }

    @Override
    public void socketClosed(ConnectionInfo c, Side side, long nanos) {
        on(c, side, nanos, StepKind.FD_CLOSED, ObservedEvent.SOCKET_CLOSED);
    }

    /**
     * The session ended: its compact record is tracked until the kernel forgets its sockets, the oldest going
     * first beyond the cap at once (not at the next poll: polls may be seconds apart, and a busy proxy ends
     * thousands of connections a second). The record is in place before the mirror leaves, so a query finds one.
     */
    @Override
    public void closed(ConnectionSummary summary) {
        Long id = summary.id();
        ConnectionMirror m = live.get(id);
        if (m == null) {
            return;
        }
        ended.add(m.end(summary));
        live.remove(id, m);
    }

    /** ETIMEDOUT, as every transport words it ("Connection timed out"). */
    static boolean isTimeout(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("timed out")) {
                return true;
            }
        }
        return false;
    }
}
