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
 * Toxiproxy's {@code reset_peer}: nothing happens until the first chunk (or the FIN) of the direction
 * arrives; from then on everything is dropped, and {@code timeout} ms later the connection is reset (RST
 * on both sockets). Only connections where the fault acts are touched: unlike Toxiproxy (#603), a
 * toxicity that spares a connection leaves its closes as they are.
 */
public final class ResetPeerHandler extends FaultHandler {
    /** {@code timeout} in milliseconds. */
    public record Attributes(long timeout) implements OutboundFault {
        public static final AttributeTable<Attributes> TABLE = AttributeTable.of(v -> new Attributes(v[0]),
                Attribute.millis("timeout", 0, Attributes::timeout));

        @Override
        public FaultHandler newHandler(FaultContext context) {
            return new ResetPeerHandler(this, context);
        }
    }

    private final long timeoutNanos;
    private long firstNanos = -1;
    private ScheduledFuture<?> timer;

    ResetPeerHandler(Attributes attributes, FaultContext context) {
        super(context);
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(attributes.timeout());
    }

    @Override
    protected void inherit(FaultHandler predecessor) {
        firstNanos = ((ResetPeerHandler) predecessor).firstNanos;
    }

    @Override
    protected void onActivate(ChannelHandlerContext ctx) {
        if (firstNanos >= 0) {
            arm();
        }
    }

    @Override
    protected void onBytes(ChannelHandlerContext ctx, ByteBuf buf, ChannelPromise promise) {
        drop(buf, promise);
        started();
    }

    @Override
    protected void onFin(ChannelHandlerContext ctx, ChannelPromise promise) {
        drop(StreamEnd.FIN, promise);
        started();
    }

    @Override
    protected void cancelTimers() {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    private void started() {
        if (firstNanos < 0) {
            firstNanos = now();
            arm();
        }
    }

    private void arm() {
        cancelTimers();
        long left = firstNanos + timeoutNanos - now();
        if (left <= 0) {
            end(ctx(), StreamEnd.RESET);
        } else {
            timer = schedule(() -> end(ctx(), StreamEnd.RESET), left);
        }
    }
}
