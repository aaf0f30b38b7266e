package dev.synack.mirror;

import dev.synack.mirror.model.ObservedEvent;
import dev.synack.mirror.model.TcpEvent;
import dev.synack.mirror.model.TcpState;
import dev.synack.mirror.model.TcpStateMachine;
import dev.synack.mirror.model.Transition;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the shortest life of a socket that explains both what synack observed of it, in order, and the
 * state the kernel reports now: the observations with the fewest segments of the peer slipped in between
 * them. That is how the mirror follows the kernel when it took another order than user space saw, such as
 * the peer's FIN arriving before ours left (CLOSE_WAIT → LAST_ACK, never FIN_WAIT_1).
 *
 * <p>Only the peer's FIN and the ACK of ours may be slipped in (and TIME_WAIT's expiry when its time has
 * come): an unseen RST or timeout is not an explanation but a divergence.
 */
final class Explainer {
    /** A step of an explanation: a kernel event ({@code observation} null) or one of the observations. */
    record Step(TcpState from, TcpEvent kernelEvent, Observation observation, TcpState to) {}

    private Explainer() {}

    static Optional<List<Step>> explain(TcpStateMachine machine, List<Observation> history, Set<TcpState> targets,
                                        boolean timeWaitMayExpire) {
        int n = history.size();
        int states = TcpState.values().length;
        Step[] via = new Step[states * (n + 1)];
        int[] parent = new int[states * (n + 1)];
        boolean[] seen = new boolean[states * (n + 1)];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        int start = machine.initialState().ordinal();
        seen[start] = true;
        queue.add(start);
        while (!queue.isEmpty()) {
            int node = queue.remove();
            TcpState state = TcpState.values()[node % states];
            int i = node / states;
            if (i == n && targets.contains(state)) {
                return Optional.of(path(via, parent, node));
            }
            List<Step> next = new ArrayList<>(4);
            if (i < n) {
                observe(machine, state, history.get(i)).ifPresent(next::add);
            }
            for (TcpEvent e : new TcpEvent[] {TcpEvent.RCV_FIN, TcpEvent.RCV_ACK_OF_FIN, TcpEvent.RCV_FIN_ACK_OF_FIN,
                    TcpEvent.TIME_WAIT_TIMEOUT}) {
                if (e == TcpEvent.TIME_WAIT_TIMEOUT && !timeWaitMayExpire) {
                    continue;
                }
                if (machine.next(state, e) instanceof Transition.Allowed a) {
                    next.add(new Step(state, e, null, a.to()));
                }
            }
            for (Step s : next) {
                int to = s.to().ordinal() + states * (s.observation() != null ? i + 1 : i);
                if (!seen[to]) {
                    seen[to] = true;
                    via[to] = s;
                    parent[to] = node;
                    queue.add(to);
                }
            }
        }
        return Optional.empty();
    }

    /** The step {@code o} makes from {@code state}: none if the model forbids it there. */
    private static Optional<Step> observe(TcpStateMachine machine, TcpState state, Observation o) {
        ObservedEvent e = o.event();
        if (e == null || e.alreadyThrough(state)) {
            return Optional.of(new Step(state, null, o, state));
        }
        TcpState s = state;
        for (TcpEvent implied : e.implies()) {
            if (!(machine.next(s, implied) instanceof Transition.Allowed a)) {
                return Optional.empty();
            }
            s = a.to();
        }
        return Optional.of(new Step(state, null, o, s));
    }

    private static List<Step> path(Step[] via, int[] parent, int node) {
        List<Step> steps = new ArrayList<>();
        // Only the start node has no step leading to it.
        for (int at = node; via[at] != null; at = parent[at]) {
            steps.add(via[at]);
        }
        Collections.reverse(steps);
        return steps;
    }
}
