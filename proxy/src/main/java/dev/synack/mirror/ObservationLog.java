package dev.synack.mirror;

import dev.synack.mirror.model.ObservedEvent;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;

/**
 * What synack observed of one socket, in order: the history a realignment explains ({@link Explainer}). Kept
 * as a time and a small code per observation in arrays that grow by doubling, not as objects: the history
 * stays (packed in its record, {@link PackedSteps}) as long as its ended connection is tracked, and is read
 * back only by a realignment, which is rare. As a list it makes each {@link Observation} when asked.
 */
final class ObservationLog extends AbstractList<Observation> implements RandomAccess {
    /** Observations of one socket of a short connection: open, a FIN each way, the close. */
    static final int INITIAL_CAPACITY = 6;

    private static final StepKind[] KINDS = StepKind.values();
    private static final ObservedEvent[] EVENTS = ObservedEvent.values();

    private long[] nanos;
    /** The step's ordinal in the low byte, 1 + the event's ordinal above it (0: no event). */
    private short[] codes;
    private int size;

    static {
        if (KINDS.length > 256 || EVENTS.length >= 127) {
            throw new ExceptionInInitializerError("ObservationLog's codes are too narrow for the enums");
        }
    }

    ObservationLog() {
        this(INITIAL_CAPACITY);
    }

    /** An empty log with room for {@code capacity} observations: an ended connection's, read back from its record. */
    ObservationLog(int capacity) {
        nanos = new long[Math.max(capacity, 1)];
        codes = new short[nanos.length];
    }

    void add(long at, StepKind kind, ObservedEvent event) {
        add(at, (short) (kind.ordinal() | (event == null ? 0 : event.ordinal() + 1) << 8));
    }

    /** Appends an observation as its time and code. */
    void add(long at, short code) {
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

    short code(int i) {
        return codes[i];
    }

    @Override
    public boolean add(Observation o) {
        add(o.nanos(), o.kind(), o.event());
        return true;
    }

    @Override
    public Observation get(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        return new Observation(nanos[i], kind(i), event(i));
    }

    StepKind kind(int i) {
        return KINDS[codes[i] & 0xff];
    }

    ObservedEvent event(int i) {
        int e = codes[i] >>> 8;
        return e == 0 ? null : EVENTS[e - 1];
    }

    @Override
    public int size() {
        return size;
    }

    /** Room for observations not yet made: how far the arrays grew ahead. */
    int capacity() {
        return nanos.length;
    }
}
