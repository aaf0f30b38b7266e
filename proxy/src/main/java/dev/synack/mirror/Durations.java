package dev.synack.mirror;

import java.util.Locale;

/** Durations as explanations and diagrams write them: {@code 850 ms}, {@code 12.3 s}. */
final class Durations {
    private Durations() {}

    static String text(long nanos) {
        if (nanos < 1_000_000_000L) {
            return Math.max(0, nanos / 1_000_000) + " ms";
        }
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    /** Milliseconds with three decimals, as the timeline's {@code t_ms} has them. */
    static double millis(long nanos) {
        return Math.round(nanos / 1_000.0) / 1_000.0;
    }
}
