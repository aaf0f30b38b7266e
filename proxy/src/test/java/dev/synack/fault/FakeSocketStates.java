package dev.synack.fault;

import dev.synack.observe.Side;
import dev.synack.observe.SocketStates;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * Socket states for fault tests, without a mirror: the test says which state a socket enters, and the
 * actions waiting for it run later on {@code loop} (as the mirror's do), unless cancelled by then.
 */
public final class FakeSocketStates implements SocketStates {
    private final Executor loop;
    private final Map<Side, String> current = new EnumMap<>(Side.class);
    private final List<Watch> waiting = new ArrayList<>();

    public FakeSocketStates(Executor loop) {
        this.loop = loop;
    }

    /** The socket on {@code side} enters {@code state}: what waits for it is queued on the loop. */
    public void enter(Side side, String state) {
        current.put(side, state);
        List<Watch> due = waiting.stream().filter(w -> w.side == side && w.state.equals(state)).toList();
        waiting.removeAll(due);
        due.forEach(w -> loop.execute(w::run));
    }

    /** How many actions wait: none once their faults are gone. */
    public int waiting() {
        return waiting.size();
    }

    @Override
    public Registration whenState(long connectionId, Side side, String state, Runnable action) {
        if (state.equals(current.get(side))) {
            action.run();
            return Registration.NONE;
        }
        Watch w = new Watch(side, state, action);
        waiting.add(w);
        return w;
    }

    private final class Watch implements Registration {
        final Side side;
        final String state;
        final Runnable action;
        boolean done;

        Watch(Side side, String state, Runnable action) {
            this.side = side;
            this.state = state;
            this.action = action;
        }

        void run() {
            if (!done) {
                done = true;
                action.run();
            }
        }

        @Override
        public void cancel() {
            done = true;
            waiting.remove(this);
        }
    }
}
