package dev.synack.mirror;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/** The conformance suite's table: per scenario and transport, checkpoints passed through and how many agreed. */
final class ConformanceTable {
    private static final Map<String, int[]> ROWS = new LinkedHashMap<>();

    private ConformanceTable() {}

    static synchronized void record(String scenario, boolean agreed) {
        int[] row = ROWS.computeIfAbsent(scenario, s -> new int[2]);
        row[0]++;
        row[1] += agreed ? 1 : 0;
    }

    static synchronized void print(PrintStream out) {
        int width = ROWS.keySet().stream().mapToInt(String::length).max().orElse(8);
        out.println();
        out.printf("%-" + width + "s  %11s  %6s%n", "scenario", "checkpoints", "agreed");
        int checkpoints = 0;
        int agreed = 0;
        for (Map.Entry<String, int[]> e : ROWS.entrySet()) {
            out.printf("%-" + width + "s  %11d  %6d%n", e.getKey(), e.getValue()[0], e.getValue()[1]);
            checkpoints += e.getValue()[0];
            agreed += e.getValue()[1];
        }
        out.printf("%-" + width + "s  %11d  %6d%n", "total (" + ROWS.size() + " runs)", checkpoints, agreed);
    }
}
