package dev.synack.fault.builtin;

import dev.synack.fault.Attribute;
import dev.synack.fault.AttributeTable;
import dev.synack.fault.ConnectionFault;
import java.util.concurrent.TimeUnit;

/**
 * synack's {@code connect_delay}: the client's connection is accepted at once, but the service sees no
 * SYN until {@code delay} ms have passed (a slow upstream handshake, a connection pool warming up). What
 * the client sends meanwhile waits in synack as any early bytes do. Several delays add up.
 */
public final class ConnectDelay {
    /** {@code delay} in milliseconds, 1 s unless given. */
    public record Attributes(long delay) implements ConnectionFault {
        public static final AttributeTable<Attributes> TABLE = AttributeTable.of(v -> new Attributes(v[0]),
                Attribute.millis("delay", 1000, Attributes::delay));

        @Override
        public long connectDelayNanos() {
            return TimeUnit.MILLISECONDS.toNanos(delay);
        }
    }

    private ConnectDelay() {}
}
