package dev.synack.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A soak's result as text (the table it prints) and as CSV (one row per sample). */
final class SoakReport {
    private static final double MIB = 1024 * 1024;

    private SoakReport() {}

    static String text(SoakResult r) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "soak: %s; synack pid %d (%s)%n", r.settings(), r.pid(), r.ready()));
        b.append(String.format(Locale.ROOT, "%8s %8s %9s %9s %10s %6s %8s %9s%n",
                "t (s)", "conns", "rss MiB", "heap MiB", "direct MiB", "fds", "threads", "sessions"));
        row(b, "before", 0, r.baseline());
        for (Soak.Point p : r.points()) {
            row(b, String.format(Locale.ROOT, "%.0f", p.seconds()), p.connections(), p.sample());
        }
        row(b, String.format(Locale.ROOT, "%.0f end", r.quietAt()), r.tally().total(Tally.STARTED), r.quiet());
        b.append(String.format(Locale.ROOT, "%n%-18s %9s %12s %6s%n", "scenario", "started", "as expected", "not"));
        for (Scenario s : Scenario.values()) {
            b.append(String.format(Locale.ROOT, "%-18s %9d %12d %6d%n", s.name().toLowerCase(Locale.ROOT),
                    r.tally().count(s, Tally.STARTED), r.tally().count(s, Tally.OK), r.tally().count(s, Tally.FAILED)));
        }
        if (r.tally().idleCutCount() > 0) {
            b.append(String.format(Locale.ROOT, "(%d idle connections were ended by the timeout before their service answered:"
                    + " the machine stalled for longer than idle_timeout)%n", r.tally().idleCutCount()));
        }
        b.append(String.format("%nchecks:%n"));
        for (Check c : r.checks()) {
            b.append(String.format(Locale.ROOT, "  %-4s %-36s %-44s bound %s%n", c.passed() ? "ok" : "FAIL", c.what(), c.measured(), c.bound()));
        }
        r.tally().problems().forEach(p -> b.append("  problem: ").append(p).append('\n'));
        r.unclaimed().stream().limit(10).forEach(u -> b.append("  unclaimed record: ").append(u.line()).append('\n'));
        r.log().leaks().stream().limit(3).forEach(l -> b.append("  leak: ").append(l).append('\n'));
        r.log().unhandled().stream().limit(3).forEach(l -> b.append("  unhandled: ").append(l).append('\n'));
        r.log().errors().stream().limit(5).forEach(l -> b.append("  error: ").append(l).append('\n'));
        r.log().warnings().stream().map(SoakReport::firstLine).distinct().limit(10)
                .forEach(w -> b.append("  warning: ").append(w).append('\n'));
        b.append(r.passed() ? "verdict: PASS" : "verdict: FAIL").append('\n');
        return b.toString();
    }

    private static String firstLine(String entry) {
        int nl = entry.indexOf('\n');
        return nl < 0 ? entry : entry.substring(0, nl);
    }

    private static void row(StringBuilder b, String t, long conns, ResourceSample s) {
        b.append(String.format(Locale.ROOT, "%8s %8d %9.1f %9.1f %10.1f %6d %8d %9d%n", t, conns, s.rssKib() / 1024.0,
                s.heapAfterGc() / MIB, s.direct() / MIB, s.fds(), s.threads(), s.sessions()));
    }

    static void csv(SoakResult r, Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("seconds,connections,rss_kib,heap_after_gc_bytes,direct_bytes,fds,threads,sessions");
        lines.add(csvRow(0, 0, r.baseline()));
        r.points().forEach(p -> lines.add(csvRow(p.seconds(), p.connections(), p.sample())));
        lines.add(csvRow(r.quietAt(), r.tally().total(Tally.STARTED), r.quiet()));
        Files.write(file, lines);
    }

    private static String csvRow(double t, long conns, ResourceSample s) {
        return String.format(Locale.ROOT, "%.1f,%d,%d,%d,%d,%d,%d,%d", t, conns, s.rssKib(), s.heapAfterGc(), s.direct(),
                s.fds(), s.threads(), s.sessions());
    }
}
