package dev.synack.doctor;

import dev.synack.config.Units;
import dev.synack.net.Sysctls;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * Writes kernel seconds and sysctl commands the way the doctor's findings show them; sizes and durations
 * as config writes them come from {@link Units}.
 */
final class Format {
    private Format() {}

    /** A kernel value in seconds, with hours and minutes when it is long: {@code 7875s (2h 11m 15s)}. */
    static String seconds(long s) {
        String plain = Units.formatDuration(Duration.ofSeconds(s), ChronoUnit.SECONDS);
        if (s < 60) {
            return plain;
        }
        StringBuilder human = new StringBuilder();
        append(human, Duration.ofHours(s / 3600));
        append(human, Duration.ofMinutes(s % 3600 / 60));
        append(human, Duration.ofSeconds(s % 60));
        return plain + " (" + human + ")";
    }

    private static void append(StringBuilder human, Duration part) {
        if (!part.isZero()) {
            human.append(human.length() > 0 ? " " : "").append(Units.formatDuration(part));
        }
    }

    static String sysctlW(String name, Object value) {
        return "sysctl -w " + name + "=" + value;
    }

    /** For sysctls whose value is a list: {@code sysctl -w net.ipv4.x="reno bbr"}. */
    static String sysctlWQuoted(String name, String value) {
        return "sysctl -w " + name + "=\"" + value + "\"";
    }

    static String notReadable(Sysctls sysctls, String name) {
        return name + " is not readable here (" + sysctls.fileOf(name) + ")";
    }
}
