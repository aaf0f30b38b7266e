package dev.synack.mirror;

import dev.synack.mirror.model.LinuxTcpState;
import dev.synack.mirror.model.TcpEvent;
import dev.synack.mirror.model.TcpState;
import dev.synack.mirror.model.Transition;
import dev.synack.net.ProcNetTcp;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Compares a socket's mirror with a kernel reading and acts on the verdict: confirms inferred steps the
 * kernel has reached, takes the kernel's own steps once the fd is closed (user space will never report
 * them), follows the kernel when it took another order the observations allow, and records a divergence
 * when nothing the model allows explains the reading.
 */
final class Reconciler {
    /** Linux's TCP_TIMEWAIT_LEN: TIME_WAIT lasts 60 s and no sysctl changes it. */
    static final long TIME_WAIT_NANOS = Duration.ofSeconds(60).toNanos();
    /** The kernel's timer wheel may run a TIME_WAIT's expiry a little early or late. */
    private static final long TIME_WAIT_SLACK_NANOS = Duration.ofSeconds(2).toNanos();

    private Reconciler() {}

    /**
     * Reconciles a socket with what the kernel says of it now: {@code fromTcpInfo}, the reading of its open fd
     * (null for none), or, when there is none or it reads CLOSE, its row in {@code table} (null: no scan this
     * time) if the table is current for it.
     */
    static void read(SocketMirror m, KernelReading fromTcpInfo, KernelTable table, long now) {
        KernelReading r = fromTcpInfo;
        boolean closeFromTcpInfo = r != null && r.state() == TcpState.CLOSED;
        m.rowsWanted = r == null || closeFromTcpInfo;
        if ((r == null || closeFromTcpInfo) && current(table, m.local, m.remote, m.lastObservedNanos)) {
            Optional<KernelReading> row = table.find(m.local, m.remote)
                    .filter(x -> sameSocket(x, m.fdOpen))
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
            reconcile(m, r);
        }
    }

    /**
     * Whether {@code table} says something of the socket at {@code local} ↔ {@code remote}: a scan that covers it,
     * taken after the socket's last event (a socket that moved since is judged by its newer events).
     */
    static boolean current(KernelTable table, InetSocketAddress local, InetSocketAddress remote, long lastObservedNanos) {
        return table != null && local != null && remote != null && table.takenAtNanos() >= lastObservedNanos
                && table.covers(local, remote);
    }

    /**
     * Whether a row of a socket's 4-tuple is that socket. An fd-less socket's row has inode 0 and a state only a
     * closed fd leaves; a row with an inode, or in a state of a live connection (one in the accept queue has no
     * inode yet), is a new socket on the same 4-tuple: a client that reused its port took over this socket's
     * TIME_WAIT with its SYN.
     */
    static boolean sameSocket(ProcNetTcp.Row row, boolean fdOpen) {
        return fdOpen || row.inode() == 0 && LinuxTcpState.orphanCode(row.state());
    }

    static void reconcile(SocketMirror m, KernelReading r) {
        m.kernel = r;
        if (!r.gone() && r.candidates().size() == 1) {
            m.kernelShowed(r.state());
        }
        if (!r.fromTcpInfo() && r.state() == TcpState.TIME_WAIT && r.row() != null && r.row().timerTicks() > 0) {
            m.timeWaitExpiry = r.nanos() + r.row().timerExpiry().toNanos();
        }
        compare(m, r);
        // After the comparison: the steps it added (the kernel's own) are the ones the reading shows.
        m.timeline.kernelOnLatest(m.side, r.candidates(), r);
    }

    private static void compare(SocketMirror m, KernelReading r) {
        Set<TcpState> candidates = r.candidates();
        if (candidates.contains(m.state)) {
            agree(m, Verdict.AGREE, null);
            return;
        }
        List<TcpState> predicted = m.predictedPath();
        for (TcpState c : candidates) {
            if (predicted.contains(c) || m.timeline.inferred(m.side, c)) {
                // The kernel has not yet taken a step the model predicted, or a TFO child accepted before
                // the handshake's last ACK.
                agree(m, Verdict.PENDING, c);
                return;
            }
            if (c == TcpState.SYN_SENT && m.observed == TcpState.ESTABLISHED && !m.seenByKernel(TcpState.ESTABLISHED)
                    && m.connectStartNanos >= 0) {
                // TCP_FASTOPEN_CONNECT: connect() completes at once and the SYN leaves with the first bytes.
                m.verdict = m.noDivergence() ? Verdict.PENDING : Verdict.DIVERGED;
                return;
            }
        }
        for (TcpState c : candidates) {
            if (m.machine.isKernelAhead(m.state, c)) {
                ahead(m, c, r);
                return;
            }
        }
        for (TcpState c : candidates) {
            if (m.possible.contains(c) && realign(m, c, r.nanos(), false)) {
                return;
            }
        }
        forbidden(m, r.nanos(), "the kernel reports " + r.label() + " while the mirror says " + m.state
                + ", and no order of what synack observed (" + observedKeys(m) + ") leads there");
    }

    private static void agree(SocketMirror m, Verdict v, TcpState upTo) {
        m.verdict = m.noDivergence() ? v : Verdict.DIVERGED;
        m.aheadSince = -1;
        m.timeline.confirm(m.side, upTo);
    }

    /** The kernel is ahead along segments and timers. With the fd open user space will hear of it; without, it never will. */
    private static void ahead(SocketMirror m, TcpState target, KernelReading r) {
        m.timeline.confirm(m.side, null);
        m.verdict = m.noDivergence() ? Verdict.KERNEL_AHEAD : Verdict.DIVERGED;
        if (m.fdOpen) {
            if (m.aheadSince < 0) {
                m.aheadSince = r.nanos();
            }
            return;
        }
        List<Transition.Allowed> path = m.machine.kernelPath(m.state, target).orElseThrow();
        if (m.state == TcpState.TIME_WAIT && target == TcpState.CLOSED) {
            timeWaitEnded(m, r);
            return;
        }
        boolean abort = path.stream().anyMatch(t -> t.event() == TcpEvent.RCV_RST || t.event() == TcpEvent.USER_TIMEOUT);
        if (!abort) {
            path.forEach(t -> m.step(r.nanos(), StepKind.ofKernel(t.event()), t.to(), false));
            return;
        }
        if (m.possible.contains(target) && realign(m, target, r.nanos(), false)) {
            return;
        }
        TcpState was = m.state;
        m.step(r.nanos(), StepKind.SOCKET_DELETED, TcpState.CLOSED, false);
        m.diverge(DivergenceKind.SOCKET_GONE_EARLY, r.nanos(), "the kernel dropped the socket in " + was
                + " after synack closed its fd, with no FIN exchange the model expects: an RST from the " + m.peer()
                + " that nobody read, or the kernel's orphan limits (net.ipv4.tcp_max_orphans, tcp_orphan_retries)");
    }

    /** TIME_WAIT left the tables: at its time, the 2·MSL timer; earlier, reused, overflowed or never entered. */
    private static void timeWaitEnded(SocketMirror m, KernelReading r) {
        long expiry = m.timeWaitExpiry > 0 ? m.timeWaitExpiry : m.timeWaitSince + TIME_WAIT_NANOS;
        if (r.nanos() >= expiry - TIME_WAIT_SLACK_NANOS) {
            m.step(r.nanos(), StepKind.TIME_WAIT_EXPIRED, TcpState.CLOSED, false);
            return;
        }
        boolean seenInTimeWait = m.timeWaitExpiry > 0 || m.kernel != null && !m.kernel.gone()
                && m.kernel.state() == TcpState.TIME_WAIT;
        if (!seenInTimeWait && realign(m, TcpState.CLOSED, r.nanos(), false)) {
            return;
        }
        long lasted = r.nanos() - m.timeWaitSince;
        m.step(r.nanos(), StepKind.SOCKET_DELETED, TcpState.CLOSED, false);
        m.diverge(DivergenceKind.SOCKET_GONE_EARLY, r.nanos(), "TIME_WAIT ended after " + Durations.text(lasted)
                + " instead of 60 s: the 4-tuple was taken over by a new connection (a SYN with newer timestamps may end a "
                + "TIME_WAIT: a client reusing its port does that; or net.ipv4.tcp_tw_reuse), the kernel "
                + "had no room for it (net.ipv4.tcp_max_tw_buckets), or an RST ended it (net.ipv4.tcp_rfc1337=0)");
    }

    /**
     * Rebuilds the socket's steps along the shortest life that explains the observations and ends in
     * {@code target}; false (nothing changed) if there is none.
     */
    static boolean realign(SocketMirror m, TcpState target, long nanos, boolean timeWaitMayExpire) {
        Optional<List<Explainer.Step>> explained = Explainer.explain(m.machine, m.history, EnumSet.of(target), timeWaitMayExpire);
        if (explained.isEmpty()) {
            return false;
        }
        List<Explainer.Step> steps = explained.get();
        // The explanation must pass through every state a reading showed: the kernel does not go back.
        Set<TcpState> visited = EnumSet.of(m.machine.initialState());
        steps.forEach(st -> visited.add(st.to()));
        if (!m.seenOnlyAmong(visited)) {
            return false;
        }
        m.timeline.removeAll(m.side);
        m.state = m.machine.initialState();
        m.replayStarts();
        try {
            replay(m, steps, nanos);
        } finally {
            m.replayEnds();
        }
        m.timeline.sort();
        m.observed = m.state;
        m.verdict = m.noDivergence() ? Verdict.REALIGNED : Verdict.DIVERGED;
        m.aheadSince = -1;
        return true;
    }

    private static void replay(SocketMirror m, List<Explainer.Step> steps, long nanos) {
        for (int i = 0; i < steps.size(); i++) {
            Explainer.Step s = steps.get(i);
            if (s.observation() == null) {
                m.step(nextObservationNanos(steps, i, nanos), StepKind.ofKernel(s.kernelEvent()), s.to(), false);
            } else if (s.observation().event() != null && s.observation().event() == dev.synack.mirror.model.ObservedEvent.ACCEPTED
                    && s.from() != s.to()) {
                m.step(s.observation().nanos(), StepKind.SYN_RECEIVED, TcpState.SYN_RECEIVED, false);
                m.step(s.observation().nanos(), StepKind.HANDSHAKE_ACKED, s.to(), false);
            } else {
                m.step(s.observation().nanos(), s.observation().kind(), s.to(), false);
            }
        }
    }

    /** A kernel step happened before the next observation (unseen) or, after the last one, by the reading. */
    private static long nextObservationNanos(List<Explainer.Step> steps, int from, long reading) {
        for (int i = from + 1; i < steps.size(); i++) {
            if (steps.get(i).observation() != null) {
                return steps.get(i).observation().nanos();
            }
        }
        return reading;
    }

    static void forbidden(SocketMirror m, long nanos, String why) {
        m.diverge(DivergenceKind.FORBIDDEN_STATE, nanos, why);
    }

    private static String observedKeys(SocketMirror m) {
        return String.join(", ", m.history.stream().map(o -> o.kind().key()).toList());
    }
}
