package dev.synack.fault.builtin;

import dev.synack.fault.Attribute;
import dev.synack.fault.AttributeTable;
import dev.synack.fault.FaultContext;
import dev.synack.fault.FaultHandler;
import dev.synack.fault.Held;
import dev.synack.fault.OutboundFault;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.util.concurrent.ScheduledFuture;

/**
 * Toxiproxy's {@code bandwidth}: passes at most {@code rate} KB/s (KB = 1000 bytes), in pieces of 20 ms
 * worth, with no credit saved while idle. {@code rate: 0} holds every byte, and a FIN behind them, without
 * closing anything (Testcontainers' "cut connection" relies on it); removing the fault lets them go.
 * What it holds beyond the high water mark makes the channel unwritable, so the sender is slowed by TCP
 * rather than buffered in memory.
 */
public final class BandwidthHandler extends FaultHandler {
    private static final long PIECES_PER_SECOND = 50;
    private static final long PIECE_NANOS = 1_000_000_000L / PIECES_PER_SECOND;

    /** {@code rate} in KB/s. */
    public record Attributes(long rate) implements OutboundFault {
        /** 100 GB/s: far beyond what any link here carries. */
        public static final long MAX_RATE = 100_000_000L;
        public static final AttributeTable<Attributes> TABLE = AttributeTable.of(v -> new Attributes(v[0]),
                new Attribute<>("rate", 0, MAX_RATE, 0, "KB/s, 1 KB = 1000 bytes", Attributes::rate));

        @Override
        public FaultHandler newHandler(FaultContext context) {
            return new BandwidthHandler(this, context);
        }
    }

    private final long rate;
    private long freeAtNanos = Long.MIN_VALUE;
    private long carry;
    /** Bytes were left waiting for the link at the end of the last pump: the link has been busy since. */
    private boolean waiting;
    private ScheduledFuture<?> timer;

    BandwidthHandler(Attributes attributes, FaultContext context) {
        super(context);
        this.rate = attributes.rate();
    }

    @Override
    protected void onActivate(ChannelHandlerContext ctx) {
        pump(true);
    }

    @Override
    protected void onBytes(ChannelHandlerContext ctx, ByteBuf buf, ChannelPromise promise) {
        hold(buf, promise);
        if (timer == null) {
            // What the rate lets through at once leaves unflushed: the relay flushes at the end of its read.
            pump(false);
        }
    }

    @Override
    protected void cancelTimers() {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    /** Passes what the rate allows now (flushing it when {@code flush}), then waits until the link is free again. */
    private void pump(boolean flush) {
        timer = null;
        if (rate == 0) {
            return;
        }
        ChannelHandlerContext ctx = ctx();
        long now = now();
        // A timer that fires late must not cost the stream its lateness: while bytes wait, the link has
        // been busy since it was free (at most one piece back); after idling it starts afresh now.
        long floor = waiting ? now - PIECE_NANOS : now;
        boolean wrote = false;
        for (Held h = peekHeld(); h != null; h = peekHeld()) {
            if (!(h.msg instanceof ByteBuf)) {
                pollHeld();
                forward(ctx, h.msg, h.promise);
                wrote = true;
                continue;
            }
            if (freeAtNanos > now) {
                timer = schedule(() -> pump(true), freeAtNanos - now);
                break;
            }
            int piece = (int) Math.min(h.bytes(), Math.max(1, rate * 1000 / PIECES_PER_SECOND));
            if (piece == h.bytes()) {
                pollHeld();
                forward(ctx, h.msg, h.promise);
            } else {
                forward(ctx, takeBytes(h, piece), ctx.newPromise());
            }
            wrote = true;
            // piece bytes at rate * 1000 B/s take piece * 10^6 / rate ns; the remainder carries over.
            long numerator = piece * 1_000_000L + carry;
            freeAtNanos = Math.max(freeAtNanos, floor) + numerator / rate;
            carry = numerator % rate;
        }
        waiting = timer != null;
        if (wrote && flush) {
            ctx.flush();
        }
    }
}
