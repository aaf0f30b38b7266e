package dev.synack.mirror;

import dev.synack.mirror.model.ObservedEvent;
import dev.synack.mirror.model.PossibleStates;
import dev.synack.mirror.model.TcpState;
import dev.synack.mirror.model.TcpStateMachine;

/**
 * {@link PossibleStates#after} memoised: there are only 2^11 sets of states and a dozen observations, and
 * the event loop should not rebuild the same sets for every connection. Filled lazily; a race fills one
 * slot twice with equal immutable values, which is harmless.
 */
final class PossibleCache {
    private static final TcpState[] ALL = TcpState.values();
    private static final int STATES = ALL.length;
    private static final PossibleStates[][][] CACHE =
            new PossibleStates[TcpStateMachine.values().length][1 << STATES][ObservedEvent.values().length];
    private static final PossibleStates[] INITIAL = new PossibleStates[TcpStateMachine.values().length];

    private PossibleCache() {}

    static PossibleStates initial(TcpStateMachine machine) {
        PossibleStates p = INITIAL[machine.ordinal()];
        if (p == null) {
            p = PossibleStates.initial(machine);
            INITIAL[machine.ordinal()] = p;
        }
        return p;
    }

    static PossibleStates after(TcpStateMachine machine, PossibleStates from, ObservedEvent event) {
        PossibleStates[] slots = CACHE[machine.ordinal()][mask(from)];
        PossibleStates p = slots[event.ordinal()];
        if (p == null) {
            p = from.after(event);
            slots[event.ordinal()] = p;
        }
        return p;
    }

    /** The set as a bit per state, by asking each state: iterating the set made an iterator per observation. */
    private static int mask(PossibleStates p) {
        int m = 0;
        for (TcpState s : ALL) {
            if (p.contains(s)) {
                m |= 1 << s.ordinal();
            }
        }
        return m;
    }
}
