package dev.synack.fault.builtin;

import dev.synack.fault.Attribute;
import dev.synack.fault.AttributeTable;
import dev.synack.fault.FaultContext;
import dev.synack.fault.FaultHandler;
import dev.synack.fault.OutboundFault;

/**
 * synack's {@code hold_fin}: the FIN of the direction leaves {@code delay} ms after it arrived, bytes
 * pass untouched, and the other direction flows on meanwhile: the peer sees a half-open connection for
 * that long (a slow {@code shutdown(SHUT_WR)}), then the half-close. Same handling as {@code slow_close},
 * under the name of what it does to TCP.
 */
public final class HoldFinHandler extends FinDelay {
    /** {@code delay} in milliseconds, 1 s unless given. */
    public record Attributes(long delay) implements OutboundFault {
        public static final AttributeTable<Attributes> TABLE = AttributeTable.of(v -> new Attributes(v[0]),
                Attribute.millis("delay", 1000, Attributes::delay));

        @Override
        public FaultHandler newHandler(FaultContext context) {
            return new HoldFinHandler(this, context);
        }
    }

    HoldFinHandler(Attributes attributes, FaultContext context) {
        super(attributes.delay(), context);
    }
}
