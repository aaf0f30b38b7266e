package dev.synack.fault.builtin;

import dev.synack.fault.Attribute;
import dev.synack.fault.AttributeTable;
import dev.synack.fault.FaultContext;
import dev.synack.fault.FaultHandler;
import dev.synack.fault.OutboundFault;
import dev.synack.fault.StreamEnd;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/**
 * Toxiproxy's {@code limit_data}: passes at most {@code bytes} bytes of the direction (cutting the chunk
 * that crosses the limit), then ends the connection with a FIN; what comes after is dropped. With
 * {@code bytes: 0} the end comes with the first chunk, not at connect. The count survives an update.
 */
public final class LimitDataHandler extends FaultHandler {
    /** {@code bytes}: the most bytes passed. */
    public record Attributes(long bytes) implements OutboundFault {
        /** 1 TB. */
        public static final long MAX_BYTES = 1_000_000_000_000L;
        public static final AttributeTable<Attributes> TABLE = AttributeTable.of(v -> new Attributes(v[0]),
                Attribute.bytes("bytes", MAX_BYTES, 0, Attributes::bytes));

        @Override
        public FaultHandler newHandler(FaultContext context) {
            return new LimitDataHandler(this, context);
        }
    }

    private final long limit;
    private long passed;

    LimitDataHandler(Attributes attributes, FaultContext context) {
        super(context);
        this.limit = attributes.bytes();
    }

    @Override
    protected void inherit(FaultHandler predecessor) {
        passed = ((LimitDataHandler) predecessor).passed;
    }

    @Override
    protected void onBytes(ChannelHandlerContext ctx, ByteBuf buf, ChannelPromise promise) {
        long left = Math.max(0, limit - passed);
        if (buf.readableBytes() <= left) {
            passed += buf.readableBytes();
            forward(ctx, buf, promise);
        } else {
            ByteBuf head = buf.readRetainedSlice((int) left);
            passed += left;
            forward(ctx, head, ctx.newPromise());
            drop(buf, promise);
        }
        if (passed >= limit) {
            end(ctx, StreamEnd.FIN);
        }
    }
}
