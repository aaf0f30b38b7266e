package dev.synack.config;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and prints the duration and size spellings of synack config: durations {@code 250ms}, {@code 2s},
 * {@code 10m}, {@code 1h} (or a bare {@code 0}); sizes as plain bytes or with {@code B}, {@code KiB},
 * {@code MiB}, {@code GiB} (powers of 1024) or {@code KB}, {@code MB}, {@code GB} (powers of 1000).
 */
public final class Units {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,18})\\s*(ms|s|m|h)");
    private static final Pattern SIZE = Pattern.compile("(\\d{1,18})\\s*(B|KiB|MiB|GiB|KB|MB|GB)?");

    // Milliseconds and bytes per unit of the parsers; the formatters try units largest first, so 120s prints as 2m.
    private static final Map<String, Long> DURATION_MILLIS = Map.of("ms", 1L, "s", 1_000L, "m", 60_000L, "h", 3_600_000L);
    /** The units a duration is printed in, largest first, with their config spelling. */
    private static final ChronoUnit[] PRINTED_UNITS = {ChronoUnit.HOURS, ChronoUnit.MINUTES, ChronoUnit.SECONDS};
    private static final String[] PRINTED_SPELLINGS = {"h", "m", "s"};
    private static final Map<String, Long> SIZE_BYTES = Map.of(
            "B", 1L, "KiB", 1L << 10, "MiB", 1L << 20, "GiB", 1L << 30, "KB", 1_000L, "MB", 1_000_000L, "GB", 1_000_000_000L);

    private Units() {}

    /** The duration a config string spells, or null if it is not one (a bare number other than 0 is not). */
    public static Duration parseDuration(String text) {
        String t = text.strip();
        if (t.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = DURATION.matcher(t);
        if (!m.matches()) {
            return null;
        }
        OptionalLong millis = times(Long.parseLong(m.group(1)), DURATION_MILLIS.get(m.group(2)));
        return millis.isPresent() ? Duration.ofMillis(millis.getAsLong()) : null;
    }

    /** The byte count a config string spells, or empty if it is not a size. */
    public static OptionalLong parseSize(String text) {
        Matcher m = SIZE.matcher(text.strip());
        if (!m.matches()) {
            return OptionalLong.empty();
        }
        String unit = m.group(2) == null ? "B" : m.group(2);
        return times(Long.parseLong(m.group(1)), SIZE_BYTES.get(unit));
    }

    /** The shortest config spelling of a duration: {@code 0s}, {@code 250ms}, {@code 2s}, {@code 10m}, {@code 1h}. */
    public static String formatDuration(Duration d) {
        return formatDuration(d, ChronoUnit.HOURS);
    }

    /**
     * As {@link #formatDuration(Duration)}, in units no larger than {@code largest} ({@code SECONDS},
     * {@code MINUTES} or {@code HOURS}): with {@code SECONDS}, {@code 7200s} stays {@code 7200s}, as socket
     * option readings show the kernel's seconds.
     */
    public static String formatDuration(Duration d, ChronoUnit largest) {
        long ms = d.toMillis();
        if (ms == 0) {
            return "0s";
        }
        for (int i = 0; i < PRINTED_UNITS.length; i++) {
            long per = PRINTED_UNITS[i].getDuration().toMillis();
            if (PRINTED_UNITS[i].compareTo(largest) <= 0 && ms % per == 0) {
                return ms / per + PRINTED_SPELLINGS[i];
            }
        }
        return ms + "ms";
    }

    /** The shortest binary config spelling of a size: {@code 4096} is {@code 4KiB}, {@code 1000} stays {@code 1000}. */
    public static String formatSize(long bytes) {
        if (bytes == 0) {
            return "0";
        }
        for (String unit : new String[] {"GiB", "MiB", "KiB"}) {
            long per = SIZE_BYTES.get(unit);
            if (bytes % per == 0) {
                return bytes / per + unit;
            }
        }
        return Long.toString(bytes);
    }

    private static OptionalLong times(long n, long per) {
        try {
            return OptionalLong.of(Math.multiplyExact(n, per));
        } catch (ArithmeticException overflow) {
            return OptionalLong.empty();
        }
    }
}
