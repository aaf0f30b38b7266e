package dev.synack.mirror;

import dev.synack.mirror.model.ObservedEvent;
import dev.synack.mirror.model.PossibleStates;
import dev.synack.mirror.model.TcpEvent;
import dev.synack.mirror.model.TcpState;
import dev.synack.mirror.model.TcpStateMachine;
import dev.synack.mirror.model.Transition;
import dev.synack.observe.TcpInfo;
import dev.synack.observe.Side;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The mirror of one proxy socket: the state the model puts it in, moved by what synack observes from user
 * space, plus the steps the model predicts that user space never sees (the handshake finished before
 * accept, the ACK of our FIN), recorded as inferred. Beside the single mirror state it keeps the set of
 * states the kernel may be in, for the comparison ({@link Reconciler}). Touched only under its
 * connection's lock.
 */
final class SocketMirror {
    final Side side;
    final TcpStateMachine machine;
    final Timeline timeline;
    final ObservationLog history;
    TcpState state;
    /** The state after the latest observation, before the predicted steps that follow it. */
    TcpState observed;
    PossibleStates possible;
    /** A kernel socket exists or existed (upstream: from the first connect). */
    boolean exists;
    boolean fdOpen;
    InetSocketAddress local;
    InetSocketAddress remote;
    KernelReading kernel;
    Verdict verdict = Verdict.UNKNOWN;
    TcpInfo firstInfo;
    TcpInfo lastInfo;
    long connectStartNanos = -1;
    long handshakeNanos = -1;
    long finSentNanos = -1;
    long finReadNanos = -1;
    long timeWaitSince = -1;
    /** When user space last observed something of this socket: kernel tables read before then are stale. */
    long lastObservedNanos = Long.MIN_VALUE;
    /** When a reading first showed the kernel ahead while the fd is open (the FIN or RST not read yet). */
    long aheadSince = -1;
    /** The kernel's own TIME_WAIT expiry, from a /proc row's timer; -1 if none was seen. */
    long timeWaitExpiry = -1;
    String note;
    /** Whether a tcp_info read has shown this socket past its handshake: its options are known. */
    boolean readPastHandshake;
    /** Whether no tcp_info read has shown a live socket yet, or the last found none or a closed one: look in /proc. */
    boolean rowsWanted = true;
    /**
     * Every state a reading has shown this socket in (unambiguous readings only), a bit per state's ordinal;
     * bit sets here and below, not EnumSets: no object each, and they pack into an ended connection's record.
     */
    private int seenByKernel;
    /** The kinds of divergence recorded, a bit per ordinal. */
    private int kinds;
    /** This socket's divergences: an empty list until the first (most sockets never have one). */
    List<Divergence> divergences = List.of();
    /** Every state a step has taken this socket into, a bit per ordinal. */
    private int entered;
    /** While a realignment rebuilds the socket's steps: the states it had entered before, which it does not enter anew; -1 otherwise. */
    private int replayed = -1;
    /** Actions waiting for this socket to enter a state (on_state fault triggers); null while none, as on most sockets. */
    private List<StateWatch> watches;

    private final long connection;
    private final String proxy;
    private final DivergenceSink sink;

    SocketMirror(Side side, Timeline timeline, long connection, String proxy, DivergenceSink sink) {
        this(side, timeline, new ObservationLog(), connection, proxy, sink);
    }

    /** A mirror with the observations of {@code history}: an ended connection's socket, read back from its record. */
    SocketMirror(Side side, Timeline timeline, ObservationLog history, long connection, String proxy, DivergenceSink sink) {
        this.side = side;
        this.history = history;
        this.connection = connection;
        this.proxy = proxy;
        this.sink = sink;
        this.machine = side == Side.DOWNSTREAM ? TcpStateMachine.PASSIVE : TcpStateMachine.ACTIVE;
        this.timeline = timeline;
        this.state = machine.initialState();
        this.observed = state;
        this.possible = PossibleCache.initial(machine);
    }

    /** The peer at this socket's far end, as explanations name it. */
    String peer() {
        return side == Side.DOWNSTREAM ? "client" : "service";
    }

    /** Applies one observation: its steps, then the steps the model predicts after it. */
    void observe(long nanos, StepKind kind, ObservedEvent e) {
        history.add(nanos, kind, e);
        aheadSince = -1;
        if (e == null) {
            step(nanos, kind, state, false);
            return;
        }
        possible = PossibleCache.after(machine, possible, e);
        track(nanos, e);
        if (e.alreadyThrough(state) || e.implies().isEmpty()) {
            step(nanos, kind, state, false);
            return;
        }
        if (!apply(nanos, kind, e, state)) {
            List<Transition.Allowed> before = pathToApplicable(e);
            if (before == null) {
                step(nanos, kind, state, false);
                Reconciler.forbidden(this, nanos, "synack observed " + kind.key() + " while the mirror says " + state
                        + ", and no step of the peer's explains it");
                return;
            }
            before.forEach(t -> step(nanos, StepKind.ofKernel(t.event()), t.to(), true));
            apply(nanos, kind, e, state);
        }
        observed = state;
        predict(nanos);
    }

    /** Takes the steps {@code e} implies from {@code from}; false (nothing done) if the model forbids one. */
    private boolean apply(long nanos, StepKind kind, ObservedEvent e, TcpState from) {
        TcpState first = null;
        TcpState s = from;
        for (TcpEvent implied : e.implies()) {
            if (!(machine.next(s, implied) instanceof Transition.Allowed a)) {
                return false;
            }
            s = a.to();
            first = first == null ? s : first;
        }
        if (e == ObservedEvent.ACCEPTED) {
            // accept() returns a socket whose handshake the kernel finished unseen: both steps inferred.
            step(nanos, StepKind.SYN_RECEIVED, first, true);
            step(nanos, StepKind.HANDSHAKE_ACKED, s, true);
        } else {
            step(nanos, kind, s, false);
        }
        return true;
    }

    /** The shortest path of the peer's segments after which {@code e} applies, or null. */
    private List<Transition.Allowed> pathToApplicable(ObservedEvent e) {
        List<Transition.Allowed> best = null;
        for (TcpState target : machine.kernelReachable(state)) {
            Optional<List<Transition.Allowed>> p = machine.kernelPath(state, target);
            boolean onlySegments = p.isPresent() && p.get().stream().allMatch(t -> t.event().kind() == TcpEvent.Kind.SEGMENT
                    && t.event() != TcpEvent.RCV_RST);
            if (onlySegments && machine.next(target, e.implies().get(0)).allowed() && (best == null || p.get().size() < best.size())) {
                best = p.get();
            }
        }
        return best;
    }

    /**
     * The ACK of our FIN comes without user space ever seeing it: the mirror takes it at once, inferred,
     * and the kernel confirms it or, if it never comes, the comparison reports fin_not_acked.
     */
    void predict(long nanos) {
        switch (state) {
            case FIN_WAIT_1 -> step(nanos, StepKind.FIN_ACKED, TcpState.FIN_WAIT_2, true);
            case CLOSING -> step(nanos, StepKind.FIN_ACKED, TcpState.TIME_WAIT, true);
            case LAST_ACK -> step(nanos, StepKind.FIN_ACKED, TcpState.CLOSED, true);
            default -> { }
        }
    }

    /** The states from {@link #observed} to the mirror's state along the predicted steps. */
    List<TcpState> predictedPath() {
        List<TcpState> path = new ArrayList<>(3);
        path.add(observed);
        TcpState s = observed;
        while (s != state) {
            s = switch (s) {
                case FIN_WAIT_1 -> TcpState.FIN_WAIT_2;
                case CLOSING -> TcpState.TIME_WAIT;
                case LAST_ACK -> TcpState.CLOSED;
                default -> state;
            };
            path.add(s);
        }
        return path;
    }

    void step(long nanos, StepKind kind, TcpState to, boolean inferred) {
        if (to == TcpState.TIME_WAIT && state != TcpState.TIME_WAIT) {
            timeWaitSince = nanos;
        }
        state = to;
        timeline.add(nanos, side, kind, to, inferred);
        boolean anew = replayed < 0 || (replayed & 1 << to.ordinal()) == 0;
        entered |= 1 << to.ordinal();
        if (anew && watches != null) {
            wake(to);
        }
    }

    /** A realignment is about to rebuild the steps: the states entered so far are not entered again by it. */
    void replayStarts() {
        replayed = entered;
    }

    void replayEnds() {
        replayed = -1;
    }

    /** Keeps an action for when this socket enters its state. */
    void watch(StateWatch w) {
        if (watches == null) {
            watches = new ArrayList<>(1);
        }
        watches.add(w);
    }

    void unwatch(StateWatch w) {
        if (watches != null && watches.remove(w) && watches.isEmpty()) {
            watches = null;
        }
    }

    /** The connection ended: no action waits any more. */
    void unwatchAll() {
        watches = null;
    }

    int watching() {
        return watches == null ? 0 : watches.size();
    }

    private void wake(TcpState to) {
        List<StateWatch> due = watches.stream().filter(w -> w.state == to).toList();
        due.forEach(this::unwatch);
        due.forEach(StateWatch::fire);
    }

    private void track(long nanos, ObservedEvent e) {
        lastObservedNanos = Math.max(lastObservedNanos, nanos);
        switch (e) {
            case CONNECT_STARTED -> {
                exists = true;
                fdOpen = true;
                connectStartNanos = nanos;
                local = null;
            }
            case ACCEPTED -> {
                exists = true;
                fdOpen = true;
            }
            case CONNECTED -> handshakeNanos = nanos - connectStartNanos;
            case REFUSED, CONNECT_TIMED_OUT, SOCKET_CLOSED -> fdOpen = false;
            case FIN_SENT -> finSentNanos = nanos;
            case FIN_READ -> finReadNanos = nanos;
            default -> { }
        }
    }

    /** Whether a reading has shown this socket in {@code state}. */
    boolean seenByKernel(TcpState state) {
        return (seenByKernel & 1 << state.ordinal()) != 0;
    }

    /** Records that an unambiguous reading showed this socket in {@code state}. */
    void kernelShowed(TcpState state) {
        seenByKernel |= 1 << state.ordinal();
    }

    /** Whether every state a reading has shown this socket in is among {@code states}. */
    boolean seenOnlyAmong(Set<TcpState> states) {
        for (TcpState s : TcpState.values()) {
            if (seenByKernel(s) && !states.contains(s)) {
                return false;
            }
        }
        return true;
    }

    /** The bit sets an ended connection's record keeps: states shown by the kernel, kinds of divergence, states entered. */
    int kernelShownBits() {
        return seenByKernel;
    }

    int divergenceKindBits() {
        return kinds;
    }

    int enteredBits() {
        return entered;
    }

    /** Restores the bit sets of {@link #kernelShownBits()}, {@link #divergenceKindBits()} and {@link #enteredBits()}. */
    void restoreBits(int kernelShown, int divergenceKinds, int enteredStates) {
        seenByKernel = kernelShown;
        kinds = divergenceKinds;
        entered = enteredStates;
    }

    /** Whether no divergence was recorded for this socket. */
    boolean noDivergence() {
        return kinds == 0;
    }

    /** Whether this socket's FIN has left or it is closed: a FIN read on the other socket has been passed on. */
    boolean endedOutput() {
        return finSentNanos >= 0 || state == TcpState.CLOSED && history.size() > 1;
    }

    /** Whether the kernel has forgotten this socket, or it never had one worth looking for. */
    boolean settled() {
        if (!exists || fdOpen) {
            return !exists;
        }
        return kernel != null && kernel.gone() || local == null && state == TcpState.CLOSED;
    }

    /** Records a divergence of this kind (once per socket: it is counted and logged once). */
    void diverge(DivergenceKind kind, long since, String explanation) {
        verdict = Verdict.DIVERGED;
        if ((kinds & 1 << kind.ordinal()) == 0) {
            kinds |= 1 << kind.ordinal();
            Divergence d = new Divergence(connection, proxy, side, kind, since, explanation);
            if (divergences.isEmpty()) {
                divergences = new ArrayList<>(1);
            }
            divergences.add(d);
            sink.diverged(d);
        }
    }
}
