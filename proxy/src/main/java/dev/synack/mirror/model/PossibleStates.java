package dev.synack.mirror.model;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The states a socket may be in inside the kernel, given what synack has observed of it from user space:
 * what the comparator may accept from a kernel probe. Between two observations the kernel may take any
 * transitions of its own (segments and timers). One of synack's own calls applies to every possible
 * state; a report of a kernel event keeps the states that have been through it, however long before
 * user space read it.
 *
 * <p>That is what explains the close path measured on Linux: the peer's FIN arrives while reading is
 * paused (ESTABLISHED → CLOSE_WAIT, unseen), synack sends its FIN (CLOSE_WAIT → LAST_ACK, never
 * FIN_WAIT_1), and only then reads the FIN. A single mirror state that followed user space's order
 * would be in CLOSING; the possible states hold LAST_ACK and CLOSED as well. Immutable.
 */
public final class PossibleStates {
    private final TcpStateMachine machine;
    private final Set<TcpState> states;

    private PossibleStates(TcpStateMachine machine, Set<TcpState> states) {
        this.machine = machine;
        this.states = Collections.unmodifiableSet(states);
    }

    /** Before any observation: the machine's initial state and whatever the kernel can reach from it. */
    public static PossibleStates initial(TcpStateMachine machine) {
        return new PossibleStates(machine, EnumSet.copyOf(machine.kernelReachable(machine.initialState())));
    }

    /** The possible states once {@code event} has been observed; empty if no state explains it. */
    public PossibleStates after(ObservedEvent event) {
        Set<TcpState> next = EnumSet.noneOf(TcpState.class);
        for (TcpState state : states) {
            if (event.alreadyThrough(state)) {
                next.add(state);
            }
            TcpState reached = state;
            for (TcpEvent implied : event.implies()) {
                Transition step = machine.next(reached, implied);
                if (!(step instanceof Transition.Allowed allowed)) {
                    reached = null;
                    break;
                }
                reached = allowed.to();
            }
            if (reached != null) {
                next.add(reached);
            }
        }
        Set<TcpState> closed = EnumSet.noneOf(TcpState.class);
        next.forEach(state -> closed.addAll(machine.kernelReachable(state)));
        return new PossibleStates(machine, closed);
    }

    public boolean contains(TcpState state) {
        return states.contains(state);
    }

    /** Whether nothing the model allows explains the observations so far. */
    public boolean isEmpty() {
        return states.isEmpty();
    }

    public Set<TcpState> states() {
        return states;
    }

    @Override
    public String toString() {
        return states.toString();
    }
}
