package dev.synack.mirror.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;

/**
 * The TCP state machine of RFC 9293 as a pure function: {@link #next} says what an event does to a
 * state, and {@link #kernelReachable} which states the kernel can reach on its own, by segments and
 * timers, so that a kernel ahead of its mirror along an allowed path can be told from a divergence. No
 * I/O, no clock, nothing mutable; the rules themselves are in {@code TransitionRules}.
 *
 * <p>The two machines differ in one rule. A connection remembers whether it reached SYN_RECEIVED from a
 * passive or an active OPEN (RFC 9293 MUST-11): an RST there returns the first to LISTEN and refuses the
 * second. {@link #PASSIVE} is for sockets opened through a listener (synack's downstream sockets, whose
 * mirrors start in LISTEN), {@link #ACTIVE} for sockets that connect (upstream, starting in CLOSED).
 */
public enum TcpStateMachine {
    PASSIVE(true, TcpState.LISTEN),
    ACTIVE(false, TcpState.CLOSED);

    // Instance fields, not static ones: an enum's static fields are set only after its constants are built.
    private final TcpState[] states = TcpState.values();
    private final TcpEvent[] events = TcpEvent.values();
    private final TcpState initialState;
    private final Transition[][] table = new Transition[states.length][events.length];
    /** For each state, a shortest path without user space to each state the kernel can reach from it. */
    private final Map<TcpState, Map<TcpState, List<Transition.Allowed>>> kernelPaths = new EnumMap<>(TcpState.class);

    TcpStateMachine(boolean passive, TcpState initialState) {
        this.initialState = initialState;
        for (TcpState from : states) {
            for (TcpEvent event : events) {
                TcpState to = TransitionRules.target(from, event, passive);
                table[from.ordinal()][event.ordinal()] =
                        to == null ? new Transition.Forbidden(from, event) : new Transition.Allowed(from, event, to);
            }
        }
        for (TcpState from : states) {
            kernelPaths.put(from, Collections.unmodifiableMap(searchKernelPaths(from)));
        }
    }

    /** Where a mirror of this kind of socket starts: LISTEN for a passive open, CLOSED for an active one. */
    public TcpState initialState() {
        return initialState;
    }

    /** What {@code event} does to a connection in state {@code from}. */
    public Transition next(TcpState from, TcpEvent event) {
        return table[from.ordinal()][event.ordinal()];
    }

    /**
     * The states the kernel can reach from {@code from} with no call from user space, by segment
     * arrivals and timers only ({@link TcpEvent#withoutUserSpace()}); {@code from} included.
     */
    public Set<TcpState> kernelReachable(TcpState from) {
        return kernelPaths.get(from).keySet();
    }

    /** Whether a kernel in {@code kernel} is ahead of a mirror in {@code mirror} along an allowed path. */
    public boolean isKernelAhead(TcpState mirror, TcpState kernel) {
        return mirror != kernel && kernelReachable(mirror).contains(kernel);
    }

    /**
     * A shortest path of segments and timers from {@code from} to {@code to}: the transitions the kernel
     * took that user space did not see. Empty list if the states are equal; empty optional if the kernel
     * cannot get there on its own.
     */
    public Optional<List<Transition.Allowed>> kernelPath(TcpState from, TcpState to) {
        return Optional.ofNullable(kernelPaths.get(from).get(to));
    }

    /** Breadth first from {@code from}, by segments and timers: each state reached, with a shortest path to it. */
    private Map<TcpState, List<Transition.Allowed>> searchKernelPaths(TcpState from) {
        Map<TcpState, List<Transition.Allowed>> paths = new EnumMap<>(TcpState.class);
        Queue<TcpState> queue = new ArrayDeque<>();
        paths.put(from, List.of());
        queue.add(from);
        while (!queue.isEmpty()) {
            TcpState state = queue.remove();
            for (TcpEvent event : events) {
                if (event.withoutUserSpace() && next(state, event) instanceof Transition.Allowed step
                        && !paths.containsKey(step.to())) {
                    List<Transition.Allowed> path = new ArrayList<>(paths.get(state));
                    path.add(step);
                    paths.put(step.to(), List.copyOf(path));
                    queue.add(step.to());
                }
            }
        }
        return paths;
    }
}
