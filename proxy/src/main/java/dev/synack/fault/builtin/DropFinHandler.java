package dev.synack.fault.builtin;

import dev.synack.fault.AttributeTable;
import dev.synack.fault.FaultContext;
import dev.synack.fault.FaultHandler;
import dev.synack.fault.OutboundFault;
import dev.synack.fault.StreamEnd;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/**
 * synack's {@code drop_fin}: the FIN of the direction never leaves; bytes pass. The peer keeps waiting
 * for an end that does not come (an application that never closes), while the other direction flows
 * on. The FIN is dropped, not held: removing the fault later does not send it.
 */
public final class DropFinHandler extends FaultHandler {
    /** No attributes. */
    public record Attributes() implements OutboundFault {
        public static final AttributeTable<Attributes> TABLE = AttributeTable.of(v -> new Attributes());

        @Override
        public FaultHandler newHandler(FaultContext context) {
            return new DropFinHandler(context);
        }
    }

    DropFinHandler(FaultContext context) {
        super(context);
    }

    @Override
    protected void onFin(ChannelHandlerContext ctx, ChannelPromise promise) {
        drop(StreamEnd.FIN, promise);
    }
}
