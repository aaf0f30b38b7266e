package dev.synack.config;

import java.time.Duration;

/**
 * When a fault starts acting on a connection: bytes pass through it untouched until {@code afterBytes}
 * bytes of its direction have passed, or until {@code after} has passed since it started on that
 * connection. At most one of the two is set; {@link #NONE} means at once.
 */
public record TriggerSpec(long afterBytes, Duration after) {
    public static final TriggerSpec NONE = new TriggerSpec(0, Duration.ZERO);

    public TriggerSpec {
        if (afterBytes < 0 || after.isNegative()) {
            throw new IllegalArgumentException("negative trigger: " + afterBytes + " bytes, " + after);
        }
        if (afterBytes > 0 && !after.isZero()) {
            throw new IllegalArgumentException("a trigger is after_bytes or after, not both");
        }
    }

    public static TriggerSpec afterBytes(long bytes) {
        return new TriggerSpec(bytes, Duration.ZERO);
    }

    public static TriggerSpec after(Duration d) {
        return new TriggerSpec(0, d);
    }

    public boolean isNone() {
        return afterBytes == 0 && after.isZero();
    }
}
