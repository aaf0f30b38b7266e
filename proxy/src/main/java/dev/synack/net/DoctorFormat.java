package dev.synack.net;

import java.time.Duration;

/** Writes sizes, durations and sysctl commands the way the doctor's findings show them. */
final class DoctorFormat {
    private DoctorFormat() {}

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

    /** A kernel value in seconds, with a friendlier form when it is long: {@code 7200s (2h)}. */
    static String seconds(long s) {
        String plain = s + "s";
        return s >= 60 ? plain + " (" + duration(Duration.ofSeconds(s)) + ")" : plain;
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
