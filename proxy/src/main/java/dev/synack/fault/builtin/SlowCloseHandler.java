package dev.synack.fault.builtin;

import dev.synack.fault.Attribute;
import dev.synack.fault.AttributeTable;
import dev.synack.fault.FaultContext;
import dev.synack.fault.FaultHandler;
import dev.synack.fault.OutboundFault;

/**
 * Toxiproxy's {@code slow_close}: the FIN of the direction leaves {@code delay} ms after it arrived;
 * bytes pass untouched. Toxiproxy then closes the whole connection; synack half-closes this direction,
 * as it does for every FIN.
 */
public final class SlowCloseHandler extends FinDelay {
    /** {@code delay} in milliseconds. */
    public record Attributes(long delay) implements OutboundFault {
        public static final AttributeTable<Attributes> TABLE = AttributeTable.of(v -> new Attributes(v[0]),
                Attribute.millis("delay", 0, Attributes::delay));

        @Override
        public FaultHandler newHandler(FaultContext context) {
            return new SlowCloseHandler(this, context);
        }
    }

    SlowCloseHandler(Attributes attributes, FaultContext context) {
        super(attributes.delay(), context);
    }
}
