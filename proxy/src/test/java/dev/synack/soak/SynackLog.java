package dev.synack.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What synack's log said during a soak: Netty's leak reports (the canary's apart from real ones), and every
 * warning or error. A log entry starts with a time stamp; the lines after it without one (a stack trace, a
 * leak's access records) belong to it.
 */
record SynackLog(List<String> leaks, int canaries, List<String> warnings, List<String> errors) {
    private static final Pattern ENTRY = Pattern.compile("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} (\\w+)\\s");

    static SynackLog of(List<String> lines) {
        List<String> entries = new ArrayList<>();
        StringBuilder current = null;
        for (String l : lines) {
            if (ENTRY.matcher(l).find() || current == null) {
                if (current != null) {
                    entries.add(current.toString());
                }
                current = new StringBuilder(l);
            } else {
                current.append('\n').append(l);
            }
        }
        if (current != null) {
            entries.add(current.toString());
        }
        List<String> leaks = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        int canaries = 0;
        for (String e : entries) {
            if (e.contains("LEAK:")) {
                if (e.contains("leakCanary")) {
                    canaries++;
                } else {
                    leaks.add(e);
                }
            } else if (e.matches("(?s)^\\S+ WARN .*")) {
                warnings.add(e);
            } else if (e.matches("(?s)^\\S+ ERROR .*")) {
                errors.add(e);
            }
        }
        return new SynackLog(leaks, canaries, warnings, errors);
    }

    /** Netty's warning for an exception no handler took: synack must never let one through. */
    List<String> unhandled() {
        return warnings.stream().filter(w -> w.contains("reached at the tail of the pipeline")).toList();
    }
}
