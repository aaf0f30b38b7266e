package dev.synack.fault.builtin;

import dev.synack.fault.AttributeTable;
import dev.synack.fault.FaultContext;
import dev.synack.fault.FaultHandler;
import dev.synack.fault.OutboundFault;

/** Toxiproxy's {@code noop}: passes everything through untouched. */
public final class NoopHandler extends FaultHandler {
    /** No attributes: Toxiproxy's JSON shows {@code {}}. */
    public record Attributes() implements OutboundFault {
        public static final AttributeTable<Attributes> TABLE = AttributeTable.of(v -> new Attributes());

        @Override
        public FaultHandler newHandler(FaultContext context) {
            return new NoopHandler(context);
        }
    }

    NoopHandler(FaultContext context) {
        super(context);
    }
}
