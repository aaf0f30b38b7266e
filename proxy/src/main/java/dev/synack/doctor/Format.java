package dev.synack.doctor;

import dev.synack.net.Sysctls;
import java.time.Duration;

/** Writes sizes, durations and sysctl commands the way the doctor's findings show them. */
final class Format {
    private Format() {}

    /** {@code 262144} reads as {@code 256KiB}; sizes that are not whole KiB stay in bytes. */
    static String bytes(long n) {
        if (n != 0 && n % (1024L * 1024) == 0) {
            return n / (1024L * 1024) + "MiB";
        }
        if (n != 0 && n % 1024 == 0) {
            return n / 1024 + "KiB";
        }
        return Long.toString(n);
    }

    /** A duration as config writes it: {@code 250ms}, {@code 60s}, {@code 10m}. */
    static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms % 1000 != 0) {
            return ms + "ms";
        }
        long s = ms / 1000;
        if (s != 0 && s % 3600 == 0) {
            return s / 3600 + "h";
        }
        if (s != 0 && s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }

    /** A kernel value in seconds, with hours and minutes when it is long: {@code 7875s (2h 11m 15s)}. */
    static String seconds(long s) {
        String plain = s + "s";
        if (s < 60) {
            return plain;
        }
        StringBuilder human = new StringBuilder();
        long h = s / 3600;
        long m = s % 3600 / 60;
        long rest = s % 60;
        if (h > 0) {
            human.append(h).append('h');
        }
        if (m > 0) {
            human.append(human.length() > 0 ? " " : "").append(m).append('m');
        }
        if (rest > 0) {
            human.append(' ').append(rest).append('s');
        }
        return plain + " (" + human + ")";
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
