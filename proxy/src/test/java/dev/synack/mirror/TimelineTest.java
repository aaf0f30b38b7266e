package dev.synack.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.mirror.model.TcpState;
import dev.synack.observe.Side;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The compact timeline against the list of entries it replaced ({@link EagerTimeline}, the former code kept
 * here as the reference): the same operations in the same order give the same entries, and its arrays grow
 * past their first capacity and shrink back when trimmed.
 */
class TimelineTest {
    @Test
    void growsPastItsFirstCapacityKeepingEveryStep() {
        Timeline t = new Timeline();
        int n = Timeline.INITIAL_CAPACITY * 4 + 3;
        for (int i = 0; i < n; i++) {
            t.add(i, i % 2 == 0 ? Side.DOWNSTREAM : Side.UPSTREAM, StepKind.values()[i % StepKind.values().length],
                    TcpState.values()[i % TcpState.values().length], i % 3 == 0);
        }
        assertThat(t.size()).isEqualTo(n);
        assertThat(t.capacity()).isGreaterThanOrEqualTo(n);
        List<TimelineEntry> all = t.copy();
        for (int i = 0; i < n; i++) {
            assertThat(all.get(i)).isEqualTo(new TimelineEntry(i, i % 2 == 0 ? Side.DOWNSTREAM : Side.UPSTREAM,
                    StepKind.values()[i % StepKind.values().length], TcpState.values()[i % TcpState.values().length], null, i % 3 == 0));
        }
    }

    @Test
    void everyStepKindStateAndKernelLabelSurvivesThePacking() {
        for (StepKind k : StepKind.values()) {
            for (TcpState s : TcpState.values()) {
                for (Side side : Side.values()) {
                    Timeline t = new Timeline();
                    t.add(Long.MAX_VALUE - 1, side, k, s, true);
                    assertThat(t.copy()).containsExactly(new TimelineEntry(Long.MAX_VALUE - 1, side, k, s, null, true));
                    KernelReading r = new KernelReading(5, s, false, false, null);
                    t.kernelOnLatest(side, Set.of(s), r);
                    t.confirm(side, null);
                    assertThat(t.copy()).containsExactly(new TimelineEntry(Long.MAX_VALUE - 1, side, k, s, s.name(), false));
                }
            }
        }
        Timeline t = new Timeline();
        t.add(1, Side.UPSTREAM, StepKind.FD_CLOSED, TcpState.CLOSED, false);
        t.kernelOnLatest(Side.UPSTREAM, Set.of(TcpState.CLOSED), KernelReading.gone(2));
        assertThat(t.copy().get(0).kernelState()).isEqualTo("GONE");
    }

    @Test
    void randomOperationsGiveTheSameEntriesAsTheEagerList() {
        Random random = new Random(20261204);
        for (int run = 0; run < 500; run++) {
            Timeline compact = new Timeline();
            EagerTimeline eager = new EagerTimeline();
            long now = 0;
            for (int op = 0; op < 40; op++) {
                Side side = Side.values()[random.nextInt(2)];
                TcpState state = TcpState.values()[random.nextInt(TcpState.values().length)];
                switch (random.nextInt(7)) {
                    case 0, 1, 2 -> {
                        // Times mostly rise, sometimes repeat or go back (a realignment's replayed steps).
                        now += random.nextInt(4) - 1;
                        StepKind kind = StepKind.values()[random.nextInt(StepKind.values().length)];
                        boolean inferred = random.nextBoolean();
                        compact.add(now, side, kind, state, inferred);
                        eager.add(new TimelineEntry(now, side, kind, state, null, inferred));
                    }
                    case 3 -> {
                        KernelReading r = random.nextInt(4) == 0 ? KernelReading.gone(now)
                                : new KernelReading(now, state, false, random.nextBoolean(), null);
                        compact.kernelOnLatest(side, r.candidates(), r);
                        eager.kernelOnLatest(side, r.candidates(), r.label());
                    }
                    case 4 -> {
                        TcpState upTo = random.nextBoolean() ? null : state;
                        compact.confirm(side, upTo);
                        eager.confirm(side, upTo);
                    }
                    case 5 -> {
                        if (random.nextInt(4) == 0) {
                            compact.removeAll(side);
                            eager.removeAll(side);
                        }
                    }
                    default -> {
                        compact.sort();
                        eager.sort();
                    }
                }
                assertThat(compact.copy()).isEqualTo(eager.entries);
                for (TcpState s : TcpState.values()) {
                    assertThat(compact.inferred(side, s)).isEqualTo(eager.inferredStates(side).contains(s));
                }
            }
        }
    }

    /** The timeline as a list of entries, as it was before the compact form: the reference. */
    private static final class EagerTimeline {
        final List<TimelineEntry> entries = new ArrayList<>();

        void add(TimelineEntry e) {
            entries.add(e);
        }

        void removeAll(Side side) {
            entries.removeIf(e -> e.socket() == side);
        }

        void sort() {
            entries.sort(Comparator.comparingLong(TimelineEntry::nanos));
        }

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
                TimelineEntry e = entries.get(latest);
                entries.set(latest, new TimelineEntry(e.nanos(), e.socket(), e.event(), e.mirrorState(), kernel, e.inferred()));
            }
        }

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
                    entries.set(i, new TimelineEntry(e.nanos(), e.socket(), e.event(), e.mirrorState(), e.kernelState(), false));
                }
            }
        }

        Set<TcpState> inferredStates(Side side) {
            Set<TcpState> states = EnumSet.noneOf(TcpState.class);
            for (TimelineEntry e : entries) {
                if (e.socket() == side && e.inferred()) {
                    states.add(e.mirrorState());
                }
            }
            return states;
        }
    }
}
