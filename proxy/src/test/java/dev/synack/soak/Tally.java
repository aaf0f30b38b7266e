package dev.synack.soak;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Counts per scenario (started, ended as expected, not), and the first problems in detail. */
final class Tally {
    static final int STARTED = 0;
    static final int OK = 1;
    static final int FAILED = 2;
    private static final int DETAILED = 40;

    private final Map<Scenario, AtomicLong[]> counts = new EnumMap<>(Scenario.class);
    private final List<String> problems = new ArrayList<>();
    private long problemCount;
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong idleCut = new AtomicLong();

    Tally() {
        for (Scenario s : Scenario.values()) {
            counts.put(s, new AtomicLong[] {new AtomicLong(), new AtomicLong(), new AtomicLong()});
        }
    }

    void started(Scenario s) {
        counts.get(s)[STARTED].incrementAndGet();
    }

    void ok(Scenario s) {
        counts.get(s)[OK].incrementAndGet();
    }

    synchronized void failed(Scenario s, String what) {
        counts.get(s)[FAILED].incrementAndGet();
        problemCount++;
        if (problems.size() < DETAILED) {
            problems.add(what);
        }
    }

    /** A start the rate asked for that did not happen: too many connections were still in flight. */
    void skipped() {
        skipped.incrementAndGet();
    }

    /** {@link #STARTED}, {@link #OK} or {@link #FAILED} connections of one scenario. */
    long count(Scenario s, int which) {
        return counts.get(s)[which].get();
    }

    /** {@link #STARTED}, {@link #OK} or {@link #FAILED} connections of every scenario. */
    long total(int which) {
        return counts.values().stream().mapToLong(c -> c[which].get()).sum();
    }

    /** An idle connection the timeout ended before its service answered: allowed, and counted. */
    void idleCut() {
        idleCut.incrementAndGet();
    }

    long idleCutCount() {
        return idleCut.get();
    }

    long skippedCount() {
        return skipped.get();
    }

    synchronized long problemCount() {
        return problemCount;
    }

    synchronized List<String> problems() {
        return List.copyOf(problems);
    }
}
