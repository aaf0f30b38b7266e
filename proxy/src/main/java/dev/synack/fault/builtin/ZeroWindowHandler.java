package dev.synack.fault.builtin;

import dev.synack.fault.AttributeTable;
import dev.synack.fault.FaultContext;
import dev.synack.fault.FaultHandler;
import dev.synack.fault.OutboundFault;
import io.netty.channel.ChannelHandlerContext;

/**
 * synack's {@code zero_window}: the direction's channel stays unwritable, so the relay stops reading
 * the source socket; once the source's receive buffer is full its peer sees a zero window and probes.
 * What was already read still passes, FIN included. Removing the fault makes the channel writable again
 * and reading resumes.
 */
public final class ZeroWindowHandler extends FaultHandler {
    /** No attributes: use a trigger to start it later. */
    public record Attributes() implements OutboundFault {
        public static final AttributeTable<Attributes> TABLE = AttributeTable.of(v -> new Attributes());

        @Override
        public FaultHandler newHandler(FaultContext context) {
            return new ZeroWindowHandler(context);
        }
    }

    ZeroWindowHandler(FaultContext context) {
        super(context);
    }

    @Override
    protected void onActivate(ChannelHandlerContext ctx) {
        stall(true);
    }
}
