package dev.synack.mirror;

import dev.synack.mirror.model.TcpState;
import dev.synack.observe.Side;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The steps of one connection's two sockets in time order. Touched only under the connection's lock; a
 * copy leaves with every snapshot.
 */
final class Timeline {
    private final List<TimelineEntry> entries = new ArrayList<>(12);

    void add(TimelineEntry e) {
        entries.add(e);
    }

    /** Replaces every step of {@code side} with {@code steps}, keeping the other socket's, in time order. */
    void replace(Side side, List<TimelineEntry> steps) {
        entries.removeIf(e -> e.socket() == side);
        entries.addAll(steps);
        entries.sort(Comparator.comparingLong(TimelineEntry::nanos));
    }

    /** Restores time order after a socket's steps were rebuilt (a stable sort: equal times keep their order). */
    void sort() {
        entries.sort(Comparator.comparingLong(TimelineEntry::nanos));
    }

    /**
     * Writes a kernel reading on the latest step of {@code side} that leads to one of the reading's states
     * (else, for a reading of one state, on its latest step), unless that step has a reading already. A
     * reading of two states (tcp_info's CLOSE: CLOSED or a TIME_WAIT minisocket) goes only where it fits.
     */
    void kernelOnLatest(Side side, Set<TcpState> states, String kernel) {
        int latest = -1;
        boolean matched = false;
        for (int i = entries.size() - 1; i >= 0; i--) {
            TimelineEntry e = entries.get(i);
            if (e.socket() != side) {
                continue;
            }
            if (latest < 0) {
                latest = i;
            }
            if (states.contains(e.mirrorState())) {
                latest = i;
                matched = true;
                break;
            }
        }
        if (latest >= 0 && (matched || states.size() == 1) && entries.get(latest).kernelState() == null) {
            entries.set(latest, entries.get(latest).withKernel(kernel));
        }
    }

    /**
     * Confirms the inferred steps of {@code side}: all of them, or, when {@code upTo} is not null, those up to
     * the last step that leads to {@code upTo} (the kernel is there, and not yet further).
     */
    void confirm(Side side, TcpState upTo) {
        int last = entries.size() - 1;
        if (upTo != null) {
            while (last >= 0 && !(entries.get(last).socket() == side && entries.get(last).mirrorState() == upTo)) {
                last--;
            }
        }
        for (int i = 0; i <= last; i++) {
            TimelineEntry e = entries.get(i);
            if (e.socket() == side && e.inferred()) {
                entries.set(i, e.confirmed());
            }
        }
    }

    /** The states of the steps of {@code side} still inferred (not yet confirmed by the kernel). */
    Set<TcpState> inferredStates(Side side) {
        Set<TcpState> states = java.util.EnumSet.noneOf(TcpState.class);
        for (TimelineEntry e : entries) {
            if (e.socket() == side && e.inferred()) {
                states.add(e.mirrorState());
            }
        }
        return states;
    }

    List<TimelineEntry> of(Side side) {
        return entries.stream().filter(e -> e.socket() == side).toList();
    }

    List<TimelineEntry> copy() {
        return List.copyOf(entries);
    }
}
