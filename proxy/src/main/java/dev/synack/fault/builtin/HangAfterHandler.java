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
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * synack's {@code hang_after}: "cable unplugged". After {@code bytes} bytes, or {@code after} ms,
 * whichever comes first (both 0: at once), the direction stops: nothing more leaves, not even the FIN,
 * and the channel stays unwritable, so the relay stops reading the source and the source's TCP window
 * fills. Nothing is closed. Removing the fault plugs the cable back: what it held leaves, in order. An
 * RST still passes (a reset ends the session, and shutdown must be able to).
 */
public final class HangAfterHandler extends FaultHandler {
    /** {@code bytes} passed before the hang, {@code after} in milliseconds; 0 = not that condition. */
    public record Attributes(long bytes, long after) implements OutboundFault {
        public static final AttributeTable<Attributes> TABLE = AttributeTable.of(v -> new Attributes(v[0], v[1]),
                Attribute.bytes("bytes", LimitDataHandler.Attributes.MAX_BYTES, 0, Attributes::bytes),
                Attribute.millis("after", 0, Attributes::after));

        @Override
        public FaultHandler newHandler(FaultContext context) {
            return new HangAfterHandler(this, context);
        }
    }

    private final Attributes attributes;
    private long passed;
    private long activeSinceNanos = -1;
    private boolean hung;
    private ScheduledFuture<?> timer;

    HangAfterHandler(Attributes attributes, FaultContext context) {
        super(context);
        this.attributes = attributes;
    }

    @Override
    protected void inherit(FaultHandler predecessor) {
        HangAfterHandler p = (HangAfterHandler) predecessor;
        passed = p.passed;
        activeSinceNanos = p.activeSinceNanos;
        hung = p.hung;
    }

    @Override
    protected void onActivate(ChannelHandlerContext ctx) {
        if (activeSinceNanos < 0) {
            activeSinceNanos = now();
        }
        boolean byBytes = attributes.bytes() > 0;
        boolean byTime = attributes.after() > 0;
        if (hung || (!byBytes && !byTime) || (byBytes && passed >= attributes.bytes())) {
            hang();
        } else if (byTime) {
            long left = activeSinceNanos + TimeUnit.MILLISECONDS.toNanos(attributes.after()) - now();
            timer = schedule(this::hang, Math.max(0, left));
        }
    }

    @Override
    protected void onBytes(ChannelHandlerContext ctx, ByteBuf buf, ChannelPromise promise) {
        if (hung) {
            hold(buf, promise);
            return;
        }
        if (attributes.bytes() == 0) {
            forward(ctx, buf, promise);
            return;
        }
        long left = attributes.bytes() - passed;
        if (buf.readableBytes() < left) {
            passed += buf.readableBytes();
            forward(ctx, buf, promise);
            return;
        }
        passed = attributes.bytes();
        forward(ctx, buf.readRetainedSlice((int) left), buf.isReadable() ? ctx.newPromise() : promise);
        hang();
        if (buf.isReadable()) {
            hold(buf, promise);
        } else {
            buf.release();
        }
    }

    @Override
    protected void onFin(ChannelHandlerContext ctx, ChannelPromise promise) {
        if (hung) {
            hold(StreamEnd.FIN, promise);
        } else {
            forward(ctx, StreamEnd.FIN, promise);
        }
    }

    @Override
    protected void cancelTimers() {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    private void hang() {
        hung = true;
        stall(true);
    }
}
