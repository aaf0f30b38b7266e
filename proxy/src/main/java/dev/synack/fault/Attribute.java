package dev.synack.fault;

import java.util.function.ToLongFunction;

/**
 * One attribute of a fault type: its JSON name, the integer range it must lie in, its default and its
 * unit, and how to read it from the type's attributes record. Every attribute is an integer, as all of
 * Toxiproxy's are (milliseconds, bytes, KB/s, microseconds).
 */
public record Attribute<A>(String name, long min, long max, long defaultValue, String unit, ToLongFunction<A> getter) {
    /** 24 hours: the longest delay any fault takes, far beyond any test that means to end. */
    public static final long MAX_MILLIS = 86_400_000L;

    public Attribute {
        if (min > max || defaultValue < min || defaultValue > max) {
            throw new IllegalArgumentException(name + ": default " + defaultValue + " outside " + min + ".." + max);
        }
    }

    /** A duration in whole milliseconds, from 0 to {@link #MAX_MILLIS}. */
    public static <A> Attribute<A> millis(String name, long defaultValue, ToLongFunction<A> getter) {
        return new Attribute<>(name, 0, MAX_MILLIS, defaultValue, "milliseconds", getter);
    }

    /** A count of bytes from 0 to {@code max}. */
    public static <A> Attribute<A> bytes(String name, long max, long defaultValue, ToLongFunction<A> getter) {
        return new Attribute<>(name, 0, max, defaultValue, "bytes", getter);
    }

    /** What a valid value looks like, as config errors and API errors say it. */
    public String expected() {
        return "an integer from " + min + " to " + max + " (" + unit + ")";
    }

    boolean inRange(long v) {
        return v >= min && v <= max;
    }
}
