package dev.synack.mirror;

import dev.synack.observe.Side;
import java.util.Arrays;

/**
 * An ended connection's timeline and its two sockets' observations as a run of longs in its record: the
 * counts, each step's time, the steps' {@link StepCode}s two to a long, each observation's time (downstream's,
 * then upstream's), and their 16-bit codes four to a long. About 16 bytes a step and 10 an observation, with
 * no object of its own: a short connection's dozen steps and eight observations take 30 longs.
 */
final class PackedSteps {
    private static final int COUNT_BITS = 20;
    private static final long COUNT_MASK = (1L << COUNT_BITS) - 1;

    private PackedSteps() {}

    /** The longs that a timeline of {@code steps} and histories of {@code downObservations} and {@code upObservations} take. */
    static int longs(int steps, int downObservations, int upObservations) {
        int observations = downObservations + upObservations;
        return 1 + steps + (steps + 1) / 2 + observations + (observations + 3) / 4;
    }

    static int longs(Timeline t, ObservationLog down, ObservationLog up) {
        return longs(t.size(), down.size(), up.size());
    }

    /** Writes {@code t}, {@code down} and {@code up} from {@code into[at]} on, over {@link #longs} longs. */
    static void pack(Timeline t, ObservationLog down, ObservationLog up, long[] into, int at) {
        int steps = t.size();
        if (steps > COUNT_MASK || down.size() > COUNT_MASK || up.size() > COUNT_MASK) {
            throw new IllegalArgumentException("too many steps to pack: " + steps + ", " + down.size() + ", " + up.size());
        }
        into[at] = steps | (long) down.size() << COUNT_BITS | (long) up.size() << 2 * COUNT_BITS;
        int times = at + 1;
        int codes = times + steps;
        Arrays.fill(into, codes, codes + (steps + 1) / 2, 0);
        for (int i = 0; i < steps; i++) {
            into[times + i] = t.nanos(i);
            into[codes + i / 2] |= (t.code(i) & 0xffffffffL) << 32 * (i % 2);
        }
        int observations = down.size() + up.size();
        int obsTimes = codes + (steps + 1) / 2;
        int obsCodes = obsTimes + observations;
        Arrays.fill(into, obsCodes, obsCodes + (observations + 3) / 4, 0);
        for (int i = 0; i < observations; i++) {
            ObservationLog log = i < down.size() ? down : up;
            int j = i < down.size() ? i : i - down.size();
            into[obsTimes + i] = log.nanos(j);
            into[obsCodes + i / 4] |= (log.code(j) & 0xffffL) << 16 * (i % 4);
        }
    }

    static Timeline timeline(long[] from, int at) {
        int steps = steps(from, at);
        Timeline t = new Timeline(steps);
        int times = at + 1;
        int codes = times + steps;
        for (int i = 0; i < steps; i++) {
            t.add(from[times + i], (int) (from[codes + i / 2] >>> 32 * (i % 2)));
        }
        return t;
    }

    static ObservationLog history(long[] from, int at, Side side) {
        int steps = steps(from, at);
        int down = (int) (from[at] >>> COUNT_BITS & COUNT_MASK);
        int up = (int) (from[at] >>> 2 * COUNT_BITS & COUNT_MASK);
        int obsTimes = at + 1 + steps + (steps + 1) / 2;
        int obsCodes = obsTimes + down + up;
        int first = side == Side.DOWNSTREAM ? 0 : down;
        int count = side == Side.DOWNSTREAM ? down : up;
        ObservationLog log = new ObservationLog(count);
        for (int i = first; i < first + count; i++) {
            log.add(from[obsTimes + i], (short) (from[obsCodes + i / 4] >>> 16 * (i % 4)));
        }
        return log;
    }

    private static int steps(long[] from, int at) {
        return (int) (from[at] & COUNT_MASK);
    }
}
