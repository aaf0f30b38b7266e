package dev.synack.config;

import java.time.Duration;

/**
 * When a fault starts acting on a connection: bytes pass through it untouched until {@code afterBytes}
 * bytes of its direction have passed, until {@code after} has passed since it started on that connection,
 * or until a proxy socket of the connection enters the TCP state {@code onState} names. At most one of the
 * three is set; {@link #NONE} means at once.
 */
public record TriggerSpec(long afterBytes, Duration after, OnStateSpec onState) {
    public static final TriggerSpec NONE = new TriggerSpec(0, Duration.ZERO, null);

    public TriggerSpec {
        if (afterBytes < 0 || after.isNegative()) {
            throw new IllegalArgumentException("negative trigger: " + afterBytes + " bytes, " + after);
        }
        int set = (afterBytes > 0 ? 1 : 0) + (after.isZero() ? 0 : 1) + (onState == null ? 0 : 1);
        if (set > 1) {
            throw new IllegalArgumentException("a trigger is one of after_bytes, after and on_state, not more");
        }
    }

    public static TriggerSpec afterBytes(long bytes) {
        return new TriggerSpec(bytes, Duration.ZERO, null);
    }

    public static TriggerSpec after(Duration d) {
        return new TriggerSpec(0, d, null);
    }

    public static TriggerSpec onState(OnStateSpec.Socket socket, String state) {
        return new TriggerSpec(0, Duration.ZERO, new OnStateSpec(socket, state));
    }

    public boolean isNone() {
        return afterBytes == 0 && after.isZero() && onState == null;
    }

    /** The trigger as config writes it, for messages: {@code {after_bytes: 1024}}, {@code {on_state: {...}}}. */
    public String text() {
        if (afterBytes > 0) {
            return "{after_bytes: " + afterBytes + "}";
        }
        if (!after.isZero()) {
            return "{after: " + Units.formatDuration(after) + "}";
        }
        return onState == null ? "{}"
                : "{on_state: {socket: " + onState.socket().configName() + ", state: " + onState.state() + "}}";
    }
}
