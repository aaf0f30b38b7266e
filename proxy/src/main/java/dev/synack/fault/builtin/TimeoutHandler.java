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
 * Toxiproxy's {@code timeout}: drops every byte, and ends the connection (FIN) {@code timeout} ms after
 * it started or after the last chunk arrived, whichever is later: each chunk re-arms the timer, as in
 * Toxiproxy, so steady traffic keeps the connection open. With {@code timeout: 0} it drops forever and
 * never closes. A FIN from the source passes at once. Removing the fault ends the connections where it
 * acted (Toxiproxy ends them all, even where toxicity spared them).
 */
public final class TimeoutHandler extends FaultHandler {
    /** {@code timeout} in milliseconds. */
    public record Attributes(long timeout) implements OutboundFault {
        public static final AttributeTable<Attributes> TABLE = AttributeTable.of(v -> new Attributes(v[0]),
                Attribute.millis("timeout", 0, Attributes::timeout));

        @Override
        public FaultHandler newHandler(FaultContext context) {
            return new TimeoutHandler(this, context);
        }
    }

    private final long timeoutNanos;
    private ScheduledFuture<?> timer;

    TimeoutHandler(Attributes attributes, FaultContext context) {
        super(context);
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(attributes.timeout());
    }

    @Override
    protected void onActivate(ChannelHandlerContext ctx) {
        arm();
    }

    @Override
    protected void onBytes(ChannelHandlerContext ctx, ByteBuf buf, ChannelPromise promise) {
        drop(buf, promise);
        arm();
    }

    @Override
    protected void onRemove(ChannelHandlerContext ctx) {
        if (acting()) {
            end(ctx, StreamEnd.FIN);
        }
    }

    @Override
    protected void cancelTimers() {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    private void arm() {
        cancelTimers();
        if (timeoutNanos > 0 && !ended()) {
            timer = schedule(() -> end(ctx(), StreamEnd.FIN), timeoutNanos);
        }
    }
}
