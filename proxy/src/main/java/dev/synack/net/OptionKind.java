package dev.synack.net;

import dev.synack.config.Units;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * The unit of an option's value: how a config value becomes the kernel's integer (or name) and how the
 * kernel's value is shown again in config units ({@code 60s}, sizes in bytes, {@code true}).
 */
enum OptionKind {
    FLAG {
        @Override Object toKernel(Object v) {
            return v instanceof Boolean b ? (b ? 1 : 0) : (((Number) v).intValue() != 0 ? 1 : 0);
        }
        @Override String render(Object k) { return ((Integer) k) != 0 ? "true" : "false"; }
    },
    SECONDS {
        @Override Object toKernel(Object v) { return (int) ((Duration) v).toSeconds(); }
        @Override String render(Object k) { return seconds(Duration.ofSeconds((Integer) k)); }
    },
    MILLIS {
        @Override Object toKernel(Object v) { return (int) ((Duration) v).toMillis(); }
        @Override String render(Object k) { return seconds(Duration.ofMillis((Integer) k)); }
    },
    /** A plain integer: sizes in bytes, counts, queue lengths, the TOS byte. */
    NUMBER {
        @Override Object toKernel(Object v) { return ((Number) v).intValue(); }
        @Override String render(Object k) { return String.valueOf(k); }
    },
    /** SO_LINGER: seconds, or -1 (as Netty reports it) when lingering is off. */
    LINGER {
        @Override Object toKernel(Object v) { return (int) ((Duration) v).toSeconds(); }
        @Override String render(Object k) { return ((Integer) k) < 0 ? "off" : seconds(Duration.ofSeconds((Integer) k)); }
    },
    /** Whether tcpi_options carries TFO_CHILD: the connection was accepted through TCP Fast Open. */
    TFO_CHILD {
        @Override Object toKernel(Object v) { return FLAG.toKernel(v); }
        @Override String render(Object k) { return (((Integer) k) & OptionNotes.TCPI_OPT_TFO_CHILD) != 0 ? "true" : "false"; }
    },
    NAME {
        @Override Object toKernel(Object v) { return v.toString(); }
        @Override String render(Object k) { return k.toString(); }
    };

    /** The config value as the kernel takes it: an Integer, or a String for names. */
    abstract Object toKernel(Object configValue);

    /** A kernel value in config units. */
    abstract String render(Object kernelValue);

    /** A config value in config units, before any rounding to the kernel's unit. */
    String renderRequested(Object configValue) {
        if (configValue instanceof Duration d && this != LINGER) {
            return seconds(d);
        }
        return render(toKernel(configValue));
    }

    /** {@code 250ms}, {@code 60s}, {@code 7200s}: readings stay in the kernel's seconds, never minutes or hours. */
    private static String seconds(Duration d) {
        return Units.formatDuration(d, ChronoUnit.SECONDS);
    }
}
