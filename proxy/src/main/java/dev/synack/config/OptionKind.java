package dev.synack.config;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * The unit of a socket option's value: how a config value becomes the kernel's integer (or name) and how
 * the kernel's value is shown again in config units ({@code 60s}, sizes in bytes, {@code true}). Durations
 * stay in seconds or milliseconds, as the kernel counts them, never minutes.
 */
public enum OptionKind {
    FLAG {
        @Override public Object toKernel(Object v) {
            return v instanceof Boolean b ? (b ? 1 : 0) : (((Number) v).intValue() != 0 ? 1 : 0);
        }
        @Override public String render(Object k) { return ((Integer) k) != 0 ? "true" : "false"; }
    },
    SECONDS {
        @Override public Object toKernel(Object v) { return (int) ((Duration) v).toSeconds(); }
        @Override public String render(Object k) { return seconds(Duration.ofSeconds((Integer) k)); }
    },
    MILLIS {
        @Override public Object toKernel(Object v) { return (int) ((Duration) v).toMillis(); }
        @Override public String render(Object k) { return seconds(Duration.ofMillis((Integer) k)); }
    },
    /** A plain integer: sizes in bytes, counts, queue lengths, the TOS byte. */
    NUMBER {
        @Override public Object toKernel(Object v) { return ((Number) v).intValue(); }
        @Override public String render(Object k) { return String.valueOf(k); }
    },
    /** SO_LINGER: seconds, or -1 (as Netty reports it) when lingering is off. */
    LINGER {
        @Override public Object toKernel(Object v) { return (int) ((Duration) v).toSeconds(); }
        @Override public String render(Object k) { return ((Integer) k) < 0 ? "off" : seconds(Duration.ofSeconds((Integer) k)); }
    },
    /** tcp_info's tcpi_options, shown as whether TFO_CHILD is set: the connection was accepted through TCP Fast Open. */
    TFO_CHILD {
        @Override public Object toKernel(Object v) { return FLAG.toKernel(v); }
        @Override public String render(Object k) {
            return (((Integer) k) & KernelOption.TCPI_OPT_TFO_CHILD) != 0 ? "true" : "false";
        }
    },
    NAME {
        @Override public Object toKernel(Object v) { return v.toString(); }
        @Override public String render(Object k) { return k.toString(); }
    };

    /** The config value as the kernel takes it: an Integer, or a String for names. */
    public abstract Object toKernel(Object configValue);

    /** A kernel value in config units. */
    public abstract String render(Object kernelValue);

    /** A config value in config units, before any rounding to the kernel's unit. */
    public String renderRequested(Object configValue) {
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
