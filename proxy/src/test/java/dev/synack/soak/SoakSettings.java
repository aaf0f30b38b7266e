package dev.synack.soak;

import dev.synack.config.Units;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How long and how hard a soak runs, and where it writes its CSV and plot. From system properties
 * ({@code scripts/soak} sets them): {@code synack.soak.duration} (default 1h for scripts/soak, 2m in the
 * test suite), {@code synack.soak.rate} (connections started per second, default 20),
 * {@code synack.soak.interval} (between samples, default 10s), {@code synack.soak.transport} (default auto),
 * {@code synack.soak.out} (default proxy/target/soak).
 *
 * @param warmUp the first part of the run, whose growth does not count (allocator pools, JIT, thread pools fill up)
 */
record SoakSettings(Duration duration, double rate, Duration interval, Duration warmUp, String transport, Path out) {

    /** The short form the test suite runs: two minutes, sampled every 5 s, the first 24 s (a fifth) warm-up. */
    static SoakSettings fromProperties() {
        Duration duration = duration("synack.soak.duration", "2m");
        Duration interval = duration("synack.soak.interval", duration.compareTo(Duration.ofMinutes(5)) < 0 ? "5s" : "10s");
        // A fifth of the run, at least two samples and at most ten minutes: pools and JIT settle early.
        Duration warmUp = duration.dividedBy(5);
        warmUp = max(warmUp, interval.multipliedBy(2));
        warmUp = warmUp.compareTo(Duration.ofMinutes(10)) > 0 ? Duration.ofMinutes(10) : warmUp;
        double rate = Double.parseDouble(System.getProperty("synack.soak.rate", "20"));
        String transport = System.getProperty("synack.soak.transport", "auto");
        Path out = Path.of(System.getProperty("synack.soak.out",
                Path.of(System.getProperty("synack.repo", "."), "proxy", "target", "soak").toString())).toAbsolutePath().normalize();
        return new SoakSettings(duration, rate, interval, warmUp, transport, out);
    }

    private static Duration duration(String property, String fallback) {
        String text = System.getProperty(property, fallback);
        Duration d = Units.parseDuration(text);
        if (d == null || d.isZero()) {
            throw new IllegalArgumentException(property + ": \"" + text + "\" (expected: a duration like 90s, 10m, 1h)");
        }
        return d;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    @Override
    public String toString() {
        return Units.formatDuration(duration) + " at " + rate + " connections/s, sampled every " + Units.formatDuration(interval)
                + ", warm-up " + Units.formatDuration(warmUp) + ", transport " + transport;
    }
}
