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
 * The mirrors of one session's two sockets and their shared timeline. Events and tcp_info reads arrive on
 * the session's event loop, /proc readings and snapshots on other threads, so every method takes this
 * object's lock: uncontended on the event loop but for the moment a scan or a query copies this one
 * connection, and never held across I/O.
 */
final class ConnectionMirror {
    /**
     * The live session while it runs; null once it ended, so that a tracked ended connection (thousands of
     * them on a busy proxy) does not keep its session's channels, pipelines and buffers alive.
     */
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
    private final MirrorOptions options;
    private final KernelProbe probe;
    private final LongSupplier clock;
    private ConnectionSummary summary;
    private long endedNanos = -1;
    private long settledNanos = -1;
    private boolean samplePending;
    /** The sockets observed since the last transition sample (bit per side): only they are read. */
    private int moved;
    /** Whether tcp_info can be read here at all (not on NIO): learnt from the first try. */
    private boolean tcpInfoWorks = true;
    private boolean tcpInfoTried;
    private final Runnable transitionSample = this::transitionSample;
    /** Per direction, the faults acting on it ({@code name (type)}), null for none: they may hold a FIN on purpose. */
    private final String[] faults = new String[Direction.values().length];

    ConnectionMirror(ConnectionInfo info, long acceptedNanos, MirrorOptions options, KernelProbe probe, LongSupplier clock,
                     DivergenceSink sink) {
        this.clock = clock;
        this.info = info;
        this.loop = info.executor();
        this.client = info.client();
        this.id = info.id();
        this.proxy = info.proxy();
        this.startNanos = acceptedNanos;
        this.options = options;
        this.probe = probe;
        this.down = new SocketMirror(Side.DOWNSTREAM, timeline, id, proxy, sink);
        this.up = new SocketMirror(Side.UPSTREAM, timeline, id, proxy, sink);
    }

    SocketMirror socket(Side side) {
        return side == Side.DOWNSTREAM ? down : up;
    }

    /**
     * On the session's loop: one observation of one socket, then, after this loop pass, a tcp_info read of it
     * if none has shown it past its handshake yet: the negotiated options, and the handshake the kernel did
     * before accept confirmed (not while it is in SYN_SENT, which is all the kernel could say). Every other
     * step waits for the poll, and a closed socket's for /proc: a read is a system call that takes the
     * socket's lock, and a short connection has half a dozen steps (a read after each cost 5 % of a busy
     * event loop's time).
     */
    synchronized void observe(Side side, Observation o) {
        SocketMirror m = socket(side);
        if (o.event() == ObservedEvent.ACCEPTED || o.event() == ObservedEvent.CONNECTED) {
            m.local = info.localAddress(side);
            m.remote = info.remoteAddress(side);
        }
        m.observe(o);
        if (m.fdOpen && !m.readPastHandshake && m.state != TcpState.SYN_SENT) {
            moved |= 1 << side.ordinal();
            requestSample();
        }
    }

    /** On the session's loop: a fault started acting on {@code direction}. */
    synchronized void faultActs(Direction direction, String name, String type) {
        String f = name.equals(type) ? name : name + " (" + type + ")";
        int d = direction.ordinal();
        faults[d] = faults[d] == null ? f : faults[d] + ", " + f;
    }

    /**
     * On the session's loop: runs {@code action} when the socket on {@code side} enters {@code state} (a socket
     * not opened yet enters every state anew), at once if it is in it, never once the session has ended.
     */
    SocketStates.Registration whenState(Side side, TcpState state, Runnable action) {
        synchronized (this) {
            SocketMirror m = socket(side);
            if (summary != null) {
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
        m.observe(new Observation(nanos, StepKind.TIMED_OUT, ObservedEvent.TIMED_OUT));
    }

    private void requestSample() {
        if (!options.sampleOnTransition() || samplePending || summary != null || !tcpInfoWorks) {
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
        if (summary != null) {
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
        want(down, request);
        want(up, request);
    }

    private void want(SocketMirror m, ScanRequest request) {
        if (!m.exists || m.local == null || m.remote == null) {
            return;
        }
        boolean needs = m.fdOpen ? !tcpInfoWorks || m.rowsWanted || summary != null : !m.settled();
        if (needs) {
            request.add(m.local, m.remote, probe.tableOf(m.local));
        }
    }

    /** On the session's loop: tcp_info of the open fds, /proc rows of the closed ones. */
    synchronized void sampleOpen(KernelTable table, long now) {
        if (summary != null) {
            sampleClosed(table, now);
            return;
        }
        sample(down, table, now);
        sample(up, table, now);
    }

    /** On the engine's thread, once the session ended: /proc is the only view left. */
    synchronized void sampleClosed(KernelTable table, long now) {
        sample(down, table, now);
        sample(up, table, now);
        if (settledNanos < 0 && down.settled() && up.settled()) {
            settledNanos = now;
        }
    }

    private void sample(SocketMirror m, KernelTable table, long now) {
        if (m.exists && (m.fdOpen || table != null)) {
            read(m, table, now);
            DurationRules.check(m, m == down ? up : down, now, options.divergenceGrace().toNanos(),
                    faults[Direction.readOn(m.side).ordinal()]);
        }
    }

    private void read(SocketMirror m, KernelTable table, long now) {
        KernelReading r = null;
        if (m.fdOpen && tcpInfoWorks && summary == null) {
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
        boolean closeFromTcpInfo = r != null && r.state() == TcpState.CLOSED;
        m.rowsWanted = r == null || closeFromTcpInfo;
        boolean tableCurrent = table != null && m.local != null && m.remote != null
                && table.takenAtNanos() >= m.lastObservedNanos && table.covers(m.local, m.remote);
        if ((r == null || closeFromTcpInfo) && tableCurrent) {
            // An fd-less socket's row has inode 0 and a state only a closed fd leaves; a row with an inode, or in
            // a state of a live connection (one in the accept queue has no inode yet), is a new socket on the
            // same 4-tuple: a client that reused its port took over this socket's TIME_WAIT with its SYN.
            Optional<KernelReading> row = table.find(m.local, m.remote)
                    .filter(x -> m.fdOpen || x.inode() == 0 && LinuxTcpState.orphanCode(x.state()))
                    .flatMap(x -> KernelReading.of(x, now));
            if (row.isPresent()) {
                r = row.get();
            } else if (!m.fdOpen) {
                r = KernelReading.gone(now);
            } else if (r == null) {
                // An open fd whose connected socket left the tables: the kernel closed it (an RST, a timeout).
                r = KernelReading.unhashed(now);
            }
        }
        if (r != null) {
            Reconciler.reconcile(m, r);
        }
    }

    /** The session ended: from now on only the engine's thread samples this connection. */
    synchronized void ended(ConnectionSummary s, long nanos) {
        summary = s;
        endedNanos = nanos;
        info = null;
        down.unwatchAll();
        up.unwatchAll();
        down.trim();
        up.trim();
        timeline.trim();
    }

    synchronized boolean isOpen() {
        return summary == null;
    }

    /** Whether the kernel forgot both sockets more than {@code keep} ago: time to forget the connection too. */
    synchronized boolean expired(long now, long keepNanos) {
        return settledNanos >= 0 && now - settledNanos >= keepNanos;
    }

    synchronized long endedNanos() {
        return endedNanos;
    }

    /** Adds this connection's sockets to a tally by {@link MirrorTally#key}: the mirror's state and the kernel's label. */
    synchronized void tally(Map<String, Long> into) {
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
        return ConnectionView.of(this, summary, now);
    }
}
