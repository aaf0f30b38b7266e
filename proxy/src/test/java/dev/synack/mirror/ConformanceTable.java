package dev.synack.mirror;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The conformance suite's table: per scenario and transport, the checkpoints passed through, how many found
 * mirror and kernel agreeing, and how many found the divergence the scenario provokes, explained.
 */
final class ConformanceTable {
    private static final Map<String, int[]> ROWS = new LinkedHashMap<>();

    private ConformanceTable() {}

    static synchronized void record(String scenario, boolean agreed) {
        int[] row = ROWS.computeIfAbsent(scenario, s -> new int[3]);
        row[0]++;
        row[1] += agreed ? 1 : 0;
    }

    /** A checkpoint that found the divergence its scenario provokes. */
    static synchronized void diverged(String scenario) {
        int[] row = ROWS.computeIfAbsent(scenario, s -> new int[3]);
        row[0]++;
        row[2]++;
    }

    /** Rows counted elsewhere (a child JVM in a network namespace): checkpoints, agreed, diverged as expected. */
    static synchronized void add(String scenario, int checkpoints, int agreed, int diverged) {
        int[] row = ROWS.computeIfAbsent(scenario, s -> new int[3]);
        row[0] += checkpoints;
        row[1] += agreed;
        row[2] += diverged;
    }

    /** Every row as {@code scenario=checkpoints,agreed,diverged}. */
    static synchronized Map<String, String> rows() {
        Map<String, String> out = new LinkedHashMap<>();
        ROWS.forEach((k, r) -> out.put(k, r[0] + "," + r[1] + "," + r[2]));
        return out;
    }

    static synchronized void print(PrintStream out) {
        int width = ROWS.keySet().stream().mapToInt(String::length).max().orElse(8);
        out.println();
        out.printf("%-" + width + "s  %11s  %6s  %s%n", "scenario", "checkpoints", "agreed", "diverged as expected");
        int[] total = new int[3];
        for (Map.Entry<String, int[]> e : ROWS.entrySet()) {
            int[] r = e.getValue();
            out.printf("%-" + width + "s  %11d  %6d  %d%n", e.getKey(), r[0], r[1], r[2]);
            for (int i = 0; i < 3; i++) {
                total[i] += r[i];
            }
        }
        out.printf("%-" + width + "s  %11d  %6d  %d%n", "total (" + ROWS.size() + " runs)", total[0], total[1], total[2]);
    }
}
