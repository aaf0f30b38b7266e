package dev.synack.mirror;

import dev.synack.mirror.model.TcpState;
import dev.synack.observe.Side;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The steps of one connection's two sockets in time order. Touched only under the connection's lock; a
 * copy leaves with every snapshot.
 *
 * <p>A step is kept as two primitives, its time and one int packing the rest ({@link StepCode}), in arrays
 * that grow by doubling: objects per step (with a new one for each confirmation) were most of what the
 * collector copied, and the codes pack as they are into an ended connection's record ({@link PackedSteps}).
 * {@link TimelineEntry} objects are made only when a snapshot asks for them.
 */
final class Timeline {
    /** Steps of a short connection: the handshake, a FIN each way, the closes, a few inferred ones. */
    static final int INITIAL_CAPACITY = 12;

    private long[] nanos;
    private int[] codes;
    private int size;

    Timeline() {
        this(INITIAL_CAPACITY);
    }

    /** An empty timeline with room for {@code capacity} steps: an ended connection's, read back from its record. */
    Timeline(int capacity) {
        nanos = new long[Math.max(capacity, 1)];
        codes = new int[nanos.length];
    }

    void add(long at, Side socket, StepKind event, TcpState mirrorState, boolean inferred) {
        add(at, StepCode.of(socket, event, mirrorState, StepCode.NO_KERNEL, inferred));
    }

    /** Appends a step as its time and {@link StepCode}. */
    void add(long at, int code) {
        if (size == nanos.length) {
            nanos = Arrays.copyOf(nanos, size * 2);
            codes = Arrays.copyOf(codes, size * 2);
        }
        nanos[size] = at;
        codes[size] = code;
        size++;
    }

    long nanos(int i) {
        return nanos[i];
    }

    /** The {@link StepCode} of step {@code i}. */
    int code(int i) {
        return codes[i];
    }

    int size() {
        return size;
    }

    /** Room for steps not yet taken, in slots: how far the arrays grew ahead of the steps. */
    int capacity() {
        return nanos.length;
    }

    /** Drops every step of {@code side}, keeping the other socket's in their order (a realignment rebuilds them). */
    void removeAll(Side side) {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (StepCode.socket(codes[i]) != side) {
                nanos[kept] = nanos[i];
                codes[kept] = codes[i];
                kept++;
            }
        }
        size = kept;
    }

    /**
     * Restores time order after a socket's steps were rebuilt: a stable insertion sort (equal times keep
     * their order), linear on the nearly sorted dozen steps it sees.
     */
    void sort() {
        for (int i = 1; i < size; i++) {
            long t = nanos[i];
            int c = codes[i];
            int j = i - 1;
            while (j >= 0 && nanos[j] > t) {
                nanos[j + 1] = nanos[j];
                codes[j + 1] = codes[j];
                j--;
            }
            nanos[j + 1] = t;
            codes[j + 1] = c;
        }
    }

    /**
     * Writes a kernel reading on the latest step of {@code side} that leads to one of the reading's states
     * (else, for a reading of one state, on its latest step), unless that step has a reading already. A
     * reading of two states (tcp_info's CLOSE: CLOSED or a TIME_WAIT minisocket) goes only where it fits.
     */
    void kernelOnLatest(Side side, Set<TcpState> states, KernelReading reading) {
        int latest = latest(side, states);
        boolean matched = latest >= 0 && states.contains(StepCode.mirrorState(codes[latest]));
        if (latest >= 0 && (matched || states.size() == 1) && StepCode.kernel(codes[latest]) == StepCode.NO_KERNEL) {
            codes[latest] = StepCode.withKernel(codes[latest], StepCode.kernelOf(reading));
        }
    }

    /**
     * Whether {@link #kernelOnLatest} with a reading of {@code state} alone would leave the steps as they are:
     * the step it writes on has a reading already (or {@code side} has no step).
     */
    boolean kernelShownOnLatest(Side side, TcpState state) {
        int latest = latest(side, Set.of(state));
        return latest < 0 || StepCode.kernel(codes[latest]) != StepCode.NO_KERNEL;
    }

    /** The latest step of {@code side} that leads to one of {@code states}, else its latest step; -1 if none. */
    private int latest(Side side, Set<TcpState> states) {
        int latest = -1;
        for (int i = size - 1; i >= 0; i--) {
            if (StepCode.socket(codes[i]) != side) {
                continue;
            }
            if (latest < 0) {
                latest = i;
            }
            if (states.contains(StepCode.mirrorState(codes[i]))) {
                return i;
            }
        }
        return latest;
    }

    /**
     * Confirms the inferred steps of {@code side}: all of them, or, when {@code upTo} is not null, those up to
     * the last step that leads to {@code upTo} (the kernel is there, and not yet further).
     */
    void confirm(Side side, TcpState upTo) {
        int last = size - 1;
        if (upTo != null) {
            while (last >= 0 && !(StepCode.socket(codes[last]) == side && StepCode.mirrorState(codes[last]) == upTo)) {
                last--;
            }
        }
        for (int i = 0; i <= last; i++) {
            if (StepCode.socket(codes[i]) == side) {
                codes[i] = StepCode.confirmed(codes[i]);
            }
        }
    }

    /** Whether a step of {@code side} into {@code state} is still inferred (not yet confirmed by the kernel). */
    boolean inferred(Side side, TcpState state) {
        for (int i = 0; i < size; i++) {
            int c = codes[i];
            if (StepCode.socket(c) == side && StepCode.inferred(c) && StepCode.mirrorState(c) == state) {
                return true;
            }
        }
        return false;
    }

    /** Whether a step of {@code side} is still inferred. */
    boolean anyInferred(Side side) {
        for (int i = 0; i < size; i++) {
            if (StepCode.socket(codes[i]) == side && StepCode.inferred(codes[i])) {
                return true;
            }
        }
        return false;
    }

    TimelineEntry entry(int i) {
        return StepCode.entry(nanos[i], codes[i]);
    }

    /** Every step, as entries: made here, for the snapshot that asked. */
    List<TimelineEntry> copy() {
        TimelineEntry[] out = new TimelineEntry[size];
        for (int i = 0; i < size; i++) {
            out[i] = entry(i);
        }
        return List.of(out);
    }
}
