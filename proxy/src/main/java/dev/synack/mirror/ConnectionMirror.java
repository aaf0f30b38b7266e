package dev.synack.mirror;

import dev.synack.mirror.model.LinuxTcpState;
import dev.synack.mirror.model.ObservedEvent;
import dev.synack.mirror.model.TcpState;
import dev.synack.net.ProcNetTcp;
import dev.synack.observe.TcpInfo;
import dev.synack.observe.ConnectionInfo;
import dev.synack.observe.ConnectionSummary;
import dev.synack.observe.Direction;
import dev.synack.observe.MirrorCounts;
import dev.synack.observe.Side;
import dev.synack.observe.SocketStates;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongSupplier;

/**
 * The mirrors of one live session's two sockets and their shared timeline. Events and tcp_info reads arrive
 * on the session's event loop, /proc readings and snapshots on other threads, so every method takes this
 * object's lock: uncontended on the event loop but for the moment a scan or a query copies this one
 * connection, and never held across I/O. When the session ends, an {@link EndedConnection} takes over what
 * stays tracked, and this mirror answers nothing more.
 */
final class ConnectionMirror {
    /** The live session while it runs; null once it ended. */
    ConnectionInfo info;
    /** The session's event loop, where its events, tcp_info reads and polls run. */
    final Executor loop;
    final InetSocketAddress client;
    final long id;
    final String proxy;
    final long startNanos;
    final Timeline timeline = new Timeline();
    final SocketMirror down;
    final SocketMirror up;
    final MirrorOptions options;
    final KernelProbe probe;
    final DivergenceSink sink;
    private final LongSupplier clock;
    /** The engine's rate of reads right after handshakes, shared by every connection. */
    private final ReadBudget reads;
    /** What stays tracked of the connection once it ended; null while it runs. */
    private EndedConnection ended;
    private boolean samplePending;
    /** The sockets observed since the last transition sample (bit per side): only they are read. */
    private int moved;
    /** Whether tcp_info can be read here at all (not on NIO): learnt from the first try. */
    private boolean tcpInfoWorks = true;
    private boolean tcpInfoTried;
    private final Runnable transitionSample = this::transitionSample;
    /**
     * Per direction, the faults acting on it ({@code name (type)}), null for none: they may hold a FIN on purpose.
     * Null until a fault acts, as on most connections.
     */
    private String[] faults;

    ConnectionMirror(ConnectionInfo info, long acceptedNanos, MirrorOptions options, KernelProbe probe, LongSupplier clock,
                     DivergenceSink sink, ReadBudget reads) {
        this.clock = clock;
        this.reads = reads;
        this.info = info;
        this.loop = info.executor();
        this.client = info.client();
        this.id = info.id();
        this.proxy = info.proxy();
        this.startNanos = acceptedNanos;
        this.options = options;
        this.probe = probe;
        this.sink = sink;
        this.down = new SocketMirror(Side.DOWNSTREAM, timeline, id, proxy, sink);
        this.up = new SocketMirror(Side.UPSTREAM, timeline, id, proxy, sink);
    }

    SocketMirror socket(Side side) {
        return side == Side.DOWNSTREAM ? down : up;
    }

    /**
     * On the session's loop: one observation of one socket, then, after this loop pass, a tcp_info read of it
     * if none has shown it past its handshake yet and the engine's {@link ReadBudget} allows one: the
     * negotiated options, and the handshake the kernel did before accept confirmed (not while it is in
     * SYN_SENT, which is all the kernel could say). Every other step waits for the poll, and a closed
     * socket's for /proc: a read is a system call that takes the socket's lock, and a short connection has
     * half a dozen steps (a read after each cost 5 % of a busy event loop's time; the two after the
     * handshakes alone, 3 %, hence the budget).
     */
    synchronized void observe(Side side, long nanos, StepKind kind, ObservedEvent event) {
        if (ended != null) {
            return;
        }
        SocketMirror m = socket(side);
        if (event == ObservedEvent.ACCEPTED || event == ObservedEvent.CONNECTED) {
            m.local = info.localAddress(side);
            m.remote = info.remoteAddress(side);
        }
        m.observe(nanos, kind, event);
        int bit = 1 << side.ordinal();
        if ((moved & bit) == 0 && m.fdOpen && !m.readPastHandshake && m.state != TcpState.SYN_SENT && tcpInfoWorks
                && reads.tryTake()) {
            moved |= bit;
            requestSample();
        }
    }

    /** On the session's loop: a fault started acting on {@code direction}. */
    synchronized void faultActs(Direction direction, String name, String type) {
        String f = name.equals(type) ? name : name + " (" + type + ")";
        int d = direction.ordinal();
        if (faults == null) {
            faults = new String[Direction.values().length];
        }
        faults[d] = faults[d] == null ? f : faults[d] + ", " + f;
    }

    /**
     * On the session's loop: runs {@code action} when the socket on {@code side} enters {@code state} (a socket
     * not opened yet enters every state anew), at once if it is in it, never once the session has ended.
     */
    SocketStates.Registration whenState(Side side, TcpState state, Runnable action) {
        synchronized (this) {
            SocketMirror m = socket(side);
            if (ended != null) {
                return SocketStates.Registration.NONE;
            }
            if (!m.exists || m.state != state) {
                StateWatch w = new StateWatch(state, action, loop, this, m);
                m.watch(w);
                return w;
            }
        }
        action.run(); // outside the lock: the action may write, and the events that causes come back here
        return SocketStates.Registration.NONE;
    }

    /** How many actions wait for a state of this connection's sockets. */
    synchronized int watching() {
        return down.watching() + up.watching();
    }

    /** On the session's loop, for an ETIMEDOUT: reads the socket first, to say which timer ran out. */
    synchronized void timedOut(Side side, long nanos) {
        if (ended != null) {
            return;
        }
        SocketMirror m = socket(side);
        read(m, null, nanos);
        TcpInfo t = m.lastInfo;
        ProcNetTcp.Row row = m.kernel == null ? null : m.kernel.row();
        if (t == null && row != null && row.timer() == ProcNetTcp.Row.TIMER_KEEPALIVE && row.txQueue() == 0) {
            // NIO has no tcp_info: the last /proc row says which timer was running, and that nothing was unacknowledged
            m.note = "ETIMEDOUT: keepalive: the " + m.peer() + " answered none of the probes (the last /proc reading: keepalive "
                    + "timer running, nothing unacknowledged); it is gone or unreachable";
        } else if (t == null && row != null && row.timer() == ProcNetTcp.Row.TIMER_RETRANSMIT) {
            m.note = "ETIMEDOUT: retransmissions of " + row.txQueue() + " unacknowledged bytes went unanswered (the last /proc "
                    + "reading; net.ipv4.tcp_retries2 or TCP_USER_TIMEOUT)";
        } else if (t == null) {
            m.note = "ETIMEDOUT: the " + m.peer() + " answered nothing (keepalive probes or retransmissions ran out)";
        } else if (t.unacked() > 0 || t.retransmits() > 0) {
            m.note = "ETIMEDOUT: " + t.retransmits() + " retransmissions of " + t.unacked() + " unacknowledged segments went "
                    + "unanswered (net.ipv4.tcp_retries2 or TCP_USER_TIMEOUT)";
        } else {
            m.note = "ETIMEDOUT: keepalive: the " + m.peer() + " answered none of the probes"
                    + (t.probes() > 0 ? " (" + t.probes() + " sent unanswered at the last reading)" : "")
                    + "; it is gone or unreachable";
        }
        m.observe(nanos, StepKind.TIMED_OUT, ObservedEvent.TIMED_OUT);
    }

    private void requestSample() {
        if (samplePending || ended != null) {
            return;
        }
        samplePending = true;
        try {
            // After this loop pass: a FIN sent by close() must have left before the socket is read.
            loop.execute(transitionSample);
        } catch (RejectedExecutionException e) {
            samplePending = false;
        }
    }

    private synchronized void transitionSample() {
        samplePending = false;
        int sides = moved;
        moved = 0;
        if (ended != null) {
            return;
        }
        long now = clock.getAsLong();
        if ((sides & 1 << Side.DOWNSTREAM.ordinal()) != 0) {
            sample(down, null, now);
        }
        if ((sides & 1 << Side.UPSTREAM.ordinal()) != 0) {
            sample(up, null, now);
        }
    }

    /**
     * On the poller's thread, before a scan: asks for the /proc rows this connection's sockets need. An open
     * fd is read by tcp_info and needs none, unless the transport has no tcp_info (NIO) or the last read
     * found no socket or a closed one; a closed fd needs its row until the kernel has forgotten the socket.
     */
    synchronized void want(ScanRequest request) {
        if (ended == null) {
            want(down, request);
            want(up, request);
        }
    }

    private void want(SocketMirror m, ScanRequest request) {
        if (!m.exists || m.local == null || m.remote == null) {
            return;
        }
        boolean needs = m.fdOpen ? !tcpInfoWorks || m.rowsWanted : !m.settled();
        if (needs) {
            request.add(m.local, m.remote, probe.tableOf(m.local));
        }
    }

    /** On the session's loop: tcp_info of the open fds, /proc rows of the closed ones; nothing once it ended. */
    synchronized void sampleOpen(KernelTable table, long now) {
        if (ended == null) {
            sample(down, table, now);
            sample(up, table, now);
        }
    }

    private void sample(SocketMirror m, KernelTable table, long now) {
        if (m.exists && (m.fdOpen || table != null)) {
            read(m, table, now);
            DurationRules.check(m, m == down ? up : down, now, options.divergenceGrace().toNanos(),
                    fault(Direction.readOn(m.side)));
        }
    }

    private void read(SocketMirror m, KernelTable table, long now) {
        KernelReading r = null;
        if (m.fdOpen && tcpInfoWorks) {
            Optional<TcpInfo> t = probe.tcpInfo(info, m.side);
            if (t.isPresent()) {
                tcpInfoTried = true;
                m.lastInfo = t.get();
                m.readPastHandshake |= t.get().state() != LinuxTcpState.SYN_SENT.code() && t.get().state() != LinuxTcpState.SYN_RECV.code();
                if (m.firstInfo == null) {
                    m.firstInfo = t.get();
                }
                r = KernelReading.of(t.get(), now).orElse(null);
            } else if (!tcpInfoTried && m.side == Side.DOWNSTREAM) {
                // The accepted socket always has an fd: no tcp_info there means the transport has none
                // (NIO). An upstream socket may just not be the session's yet while it connects.
                tcpInfoTried = true;
                tcpInfoWorks = false;
            }
        }
        Reconciler.read(m, r, table, now);
    }

    /** The faults acting on {@code direction}, as explanations name them; null for none. */
    String fault(Direction direction) {
        return faults == null ? null : faults[direction.ordinal()];
    }

    /**
     * On the session's loop, the session ended: returns the compact record that keeps what the queries and
     * the kernel poller need of it from now on. This mirror (and the session) can then go.
     */
    synchronized EndedConnection end(ConnectionSummary s) {
        info = null;
        down.unwatchAll();
        up.unwatchAll();
        ended = new EndedConnection(this, s);
        return ended;
    }

    synchronized boolean isOpen() {
        return ended == null;
    }

    /** Adds this connection's sockets to a tally by {@link MirrorTally#key}: the mirror's state and the kernel's label. */
    synchronized void tally(Map<String, Long> into) {
        if (ended != null) {
            return; // its record counts it
        }
        for (SocketMirror m : new SocketMirror[] {down, up}) {
            if (m == down || m.exists) {
                into.merge(MirrorTally.key(proxy, m.side, MirrorCounts.MIRROR, m.state.name()), 1L, Long::sum);
                if (m.kernel != null) {
                    into.merge(MirrorTally.key(proxy, m.side, MirrorCounts.KERNEL, m.kernel.label()), 1L, Long::sum);
                }
            }
        }
    }

    /** An immutable copy of everything the queries show, taken at {@code now}. */
    synchronized ConnectionView view(long now) {
        return ended != null ? ended.view(now) : ConnectionView.of(this, now);
    }
}
