package dev.synack.fault.builtin;

import dev.synack.fault.AttributeTable;
import dev.synack.fault.FaultContext;
import dev.synack.fault.FaultHandler;
import dev.synack.fault.OutboundFault;
import dev.synack.fault.StreamEnd;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/**
 * synack's {@code rst_on_fin}: where the direction would end with a FIN, the connection is reset
 * instead. The RESET waits until the bytes before the FIN have been written to the socket (a reset
 * discards what is still queued), so the peer gets the data, then an RST where it expected a FIN.
 */
public final class RstOnFinHandler extends FaultHandler {
    /** No attributes. */
    public record Attributes() implements OutboundFault {
        public static final AttributeTable<Attributes> TABLE = AttributeTable.of(v -> new Attributes());

        @Override
        public FaultHandler newHandler(FaultContext context) {
            return new RstOnFinHandler(context);
        }
    }

    private ChannelPromise lastWrite;

    RstOnFinHandler(FaultContext context) {
        super(context);
    }

    @Override
    protected void onBytes(ChannelHandlerContext ctx, ByteBuf buf, ChannelPromise promise) {
        lastWrite = promise.unvoid();
        forward(ctx, buf, lastWrite);
    }

    @Override
    protected void onFin(ChannelHandlerContext ctx, ChannelPromise promise) {
        if (lastWrite == null || lastWrite.isDone()) {
            forward(ctx, StreamEnd.RESET, promise);
            return;
        }
        lastWrite.addListener(f -> {
            forward(ctx, StreamEnd.RESET, promise);
            ctx.flush();
        });
    }
}
