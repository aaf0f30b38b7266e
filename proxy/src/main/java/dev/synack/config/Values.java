package dev.synack.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Converters from a {@link Node} to the value kinds of synack config (durations, sizes, addresses, choices),
 * with their ranges. Like Node's own converters they return null when absent or wrong, recording the error.
 */
final class Values {
    private Values() {}

    /**
     * A duration in {@code [min, max]}, or whole seconds where {@code wholeSeconds}. Anything else, a
     * misspelling as much as a value out of range or too large to count, gets {@code expected}, which
     * states the range.
     */
    static Duration duration(Node n, Duration min, Duration max, boolean wholeSeconds, String expected) {
        if (!n.present()) {
            return null;
        }
        Duration d = n.value().isTextual() ? Units.parseDuration(n.value().textValue())
                : n.value().isIntegralNumber() && n.value().longValue() == 0 ? Duration.ZERO : null;
        boolean valid = d != null && d.compareTo(min) >= 0 && d.compareTo(max) <= 0 && (!wholeSeconds || d.toMillis() % 1000 == 0);
        return valid ? d : n.fail(expected);
    }

    /** A duration in {@code [min, max]}; every bound in config keeps {@link Duration#toNanos()} far from overflow. */
    static Duration duration(Node n, Duration min, Duration max) {
        return duration(n, min, max, false, Expect.duration(min, max));
    }

    /** Whole seconds in {@code [min, max]}, e.g. SO_LINGER or TCP_KEEPIDLE, which the kernel keeps in seconds. */
    static Duration seconds(Node n, long min, long max) {
        return duration(n, Duration.ofSeconds(min), Duration.ofSeconds(max), true, Expect.wholeSeconds(min, max));
    }

    /**
     * A size in bytes in {@code [min, max]}, as an int (every size synack takes fits one). A misspelling and
     * a value out of range get the same text, which states the range.
     */
    static Integer size(Node n, long min, long max) {
        if (!n.present()) {
            return null;
        }
        OptionalLong bytes = n.value().isTextual() ? Units.parseSize(n.value().textValue())
                : n.value().isIntegralNumber() && n.value().canConvertToLong() ? OptionalLong.of(n.value().longValue())
                : OptionalLong.empty();
        boolean valid = bytes.isPresent() && bytes.getAsLong() >= min && bytes.getAsLong() <= max;
        return valid ? Integer.valueOf((int) bytes.getAsLong()) : n.fail(Expect.size(min, max));
    }

    /** An int in {@code [min, max]}. */
    static Integer integer(Node n, int min, int max) {
        Long v = n.integer(min, max);
        return v == null ? null : v.intValue();
    }

    /** A {@code host:port}; {@code minPort} is 0 for listeners (any free port), 1 for upstreams. */
    static HostPort hostPort(Node n, int minPort) {
        String text = n.text(Expect.HOST_PORT);
        if (text == null) {
            return null;
        }
        HostPort hp = Addresses.parse(text);
        if (hp == null) {
            return n.fail(Expect.HOST_PORT);
        }
        if (hp.port() < minPort || hp.port() > 65535) {
            return n.fail(minPort == 0 ? Expect.LISTEN_PORT : Expect.UPSTREAM_PORT);
        }
        return hp;
    }

    /** One of an enum's constants, spelled as {@code spelling} says ({@code io_uring}, {@code reset}). */
    static <E extends Enum<E>> E choice(Node n, E[] constants, Function<E, String> spelling) {
        List<String> names = Arrays.stream(constants).map(spelling).toList();
        String text = n.text(Expect.oneOf(names));
        if (text == null) {
            return null;
        }
        int i = names.indexOf(text);
        return i >= 0 ? constants[i] : n.fail(Expect.oneOf(names));
    }

    /** The value if present and valid, else the default (errors are already recorded). */
    static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
