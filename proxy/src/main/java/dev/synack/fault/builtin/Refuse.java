package dev.synack.fault.builtin;

import dev.synack.fault.AttributeTable;
import dev.synack.fault.ConnectionFault;

/**
 * synack's {@code refuse}: every new client (where toxicity and client blocks say so) is reset as soon
 * as it is accepted, before any connection to the service: to the client it looks like a service that
 * refuses connections. Connections already open are untouched.
 */
public final class Refuse {
    /** No attributes. */
    public record Attributes() implements ConnectionFault {
        public static final AttributeTable<Attributes> TABLE = AttributeTable.of(v -> new Attributes());

        @Override
        public boolean refusesAtAccept() {
            return true;
        }
    }

    private Refuse() {}
}
