package dev.synack.fault.builtin;

import dev.synack.fault.Attribute;
import dev.synack.fault.AttributeTable;
import dev.synack.fault.FaultContext;
import dev.synack.fault.FaultHandler;
import dev.synack.fault.Held;
import dev.synack.fault.LatencyBudget;
import dev.synack.fault.OutboundFault;
import dev.synack.fault.StreamEnd;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Toxiproxy's {@code latency}: each chunk leaves {@code latency ± jitter} ms after it arrived (jitter drawn
 * per chunk, uniform in {@code [-jitter, jitter - 1]} ms as Toxiproxy draws it), never before the chunk
 * ahead of it. Chunks pipeline: a long stream pays the latency once, not per chunk; two latency faults
 * add up, since the second sees a chunk when the first lets it go. A FIN leaves right behind the bytes
 * it follows.
 *
 * <p>It holds what the stream needs and no more: a byte leaves when it is due, so a stream arriving at
 * a rate R holds R × (latency + jitter) by itself; a window per connection could only cap it (a fixed
 * one of 64 MiB capped bulk at 64 MiB / latency, half of loopback's rate through 50 ms). What it holds
 * is bounded process-wide instead: every latency fault draws from one {@link LatencyBudget} (half of the
 * direct memory Netty may allocate). A connection may always hold up to its channel's high water mark;
 * beyond that, while the budget is spent, its channel turns unwritable and the relay stops reading
 * (backpressure: nothing is dropped), until what it holds falls below the low mark, or the budget has
 * room again and it holds less than the low mark scaled to the budget (half of it with the default
 * marks). So all latency faults together hold at most the budget plus, per connection and direction,
 * the high water mark and one read.
 */
public final class LatencyHandler extends FaultHandler {
    /** {@code latency} and {@code jitter} in milliseconds. */
    public record Attributes(long latency, long jitter) implements OutboundFault {
        public static final AttributeTable<Attributes> TABLE = AttributeTable.of(v -> new Attributes(v[0], v[1]),
                Attribute.millis("latency", 0, Attributes::latency),
                Attribute.millis("jitter", 0, Attributes::jitter));

        @Override
        public FaultHandler newHandler(FaultContext context) {
            return new LatencyHandler(this, context);
        }
    }

    private final Attributes attributes;
    private LatencyBudget.Account account;
    private long lastDue = Long.MIN_VALUE;
    private ScheduledFuture<?> timer;

    LatencyHandler(Attributes attributes, FaultContext context) {
        super(context);
        this.attributes = attributes;
        this.account = context.latencyBudget().account();
    }

    @Override
    protected void inherit(FaultHandler predecessor) {
        // The held chunks moved here: so does their share of the budget.
        account = ((LatencyHandler) predecessor).account;
    }

    @Override
    protected void heldChanged(long bytes) {
        account.report(bytes);
    }

    @Override
    protected void onActivate(ChannelHandlerContext ctx) {
        // After an update the held chunks keep their arrival times and take the new latency.
        lastDue = Long.MIN_VALUE;
        for (Held h : heldMessages()) {
            if (h.msg instanceof ByteBuf) {
                stamp(h);
            } else {
                h.dueNanos = lastDue;
            }
        }
        pump(true);
    }

    @Override
    protected void onBytes(ChannelHandlerContext ctx, ByteBuf buf, ChannelPromise promise) {
        boolean idle = !holding();
        if (idle && attributes.latency() == 0 && attributes.jitter() == 0) {
            // Due at once with nothing ahead of it: it leaves now, as it would through the queue, without
            // the queue's bookkeeping (a latency of 0 is how tests put a fault in the path that does nothing).
            forward(ctx, buf, promise);
            return;
        }
        stamp(hold(buf, promise));
        // Dues never decrease, so only a chunk arriving at an empty queue needs a timer of its own. A chunk
        // due at once (latency 0) leaves now, unflushed: the relay flushes at the end of its read.
        if (idle) {
            pump(false);
        }
    }

    @Override
    protected void onFin(ChannelHandlerContext ctx, ChannelPromise promise) {
        if (holding()) {
            // Due with the chunk ahead of it: the latency delays bytes, and the close only behind them.
            hold(StreamEnd.FIN, promise).dueNanos = lastDue;
        } else {
            forward(ctx, StreamEnd.FIN, promise);
        }
    }

    @Override
    protected long holdLimit(long highWaterMark) {
        LatencyBudget budget = account.budget();
        return budget.spent() ? highWaterMark : Math.max(highWaterMark, budget.capacity());
    }

    @Override
    protected void cancelTimers() {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    private void stamp(Held h) {
        long delay = attributes.latency();
        if (attributes.jitter() > 0) {
            delay += context.random().nextLong(2 * attributes.jitter()) - attributes.jitter();
        }
        h.dueNanos = Math.max(lastDue, h.arrivalNanos + TimeUnit.MILLISECONDS.toNanos(Math.max(0, delay)));
        lastDue = h.dueNanos;
    }

    /** Passes every chunk that is due (flushing them when {@code flush}), then waits for the next one. */
    private void pump(boolean flush) {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        ChannelHandlerContext ctx = ctx();
        long now = now();
        boolean wrote = false;
        for (Held h = peekHeld(); h != null && h.dueNanos <= now; h = peekHeld()) {
            pollHeld();
            forward(ctx, h.msg, h.promise);
            wrote = true;
        }
        if (wrote && flush) {
            ctx.flush();
        }
        Held next = peekHeld();
        if (next != null) {
            timer = schedule(() -> pump(true), next.dueNanos - now);
        }
    }
}
