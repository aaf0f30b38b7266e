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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Toxiproxy's {@code slicer}: cuts each chunk in halves, again and again (the cut moved by up to
 * {@code size_variation} bytes either way), until each piece is at most {@code average_size +
 * size_variation} bytes, and writes the pieces one by one, each flushed on its own (so each leaves in its
 * own segments), {@code delay} µs apart. A piece is never under one byte, so all-zero attributes cut into
 * single bytes where Toxiproxy recursed forever; the cutting is a loop, not a recursion.
 */
public final class SlicerHandler extends FaultHandler {
    /** {@code average_size} and {@code size_variation} in bytes, {@code delay} in microseconds. */
    public record Attributes(long averageSize, long sizeVariation, long delay) implements OutboundFault {
        /** 16 MiB: larger than any chunk a read makes. */
        public static final long MAX_SIZE = 16L << 20;
        public static final AttributeTable<Attributes> TABLE = AttributeTable.of(v -> new Attributes(v[0], v[1], v[2]),
                Attribute.bytes("average_size", MAX_SIZE, 0, Attributes::averageSize),
                Attribute.bytes("size_variation", MAX_SIZE, 0, Attributes::sizeVariation),
                new Attribute<>("delay", 0, Attribute.MAX_MILLIS * 1000, 0, "microseconds", Attributes::delay));

        @Override
        public FaultHandler newHandler(FaultContext context) {
            return new SlicerHandler(this, context);
        }
    }

    private final Attributes attributes;
    private final long delayNanos;
    private long nextAtNanos = Long.MIN_VALUE;
    private ScheduledFuture<?> timer;

    SlicerHandler(Attributes attributes, FaultContext context) {
        super(context);
        this.attributes = attributes;
        this.delayNanos = TimeUnit.MICROSECONDS.toNanos(attributes.delay());
    }

    @Override
    protected void onActivate(ChannelHandlerContext ctx) {
        pump();
    }

    @Override
    protected void onBytes(ChannelHandlerContext ctx, ByteBuf buf, ChannelPromise promise) {
        List<Integer> sizes = pieces(buf.readableBytes());
        for (int i = 0; i < sizes.size() - 1; i++) {
            hold(buf.readRetainedSlice(sizes.get(i)), ctx.newPromise());
        }
        hold(buf, promise);
        if (timer == null) {
            pump();
        }
    }

    @Override
    protected void cancelTimers() {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    /** The sizes of the pieces of a chunk of {@code length} bytes, in order. */
    List<Integer> pieces(int length) {
        long max = attributes.averageSize() + attributes.sizeVariation();
        int variation = (int) attributes.sizeVariation();
        List<Integer> sizes = new ArrayList<>();
        ArrayDeque<int[]> todo = new ArrayDeque<>();
        todo.push(new int[] {0, length});
        while (!todo.isEmpty()) {
            int[] seg = todo.pop();
            int len = seg[1] - seg[0];
            if (len <= Math.max(1, max)) {
                sizes.add(len);
                continue;
            }
            int mid = seg[0] + len / 2;
            if (variation > 0) {
                mid += context.random().nextInt(2 * variation) - variation;
            }
            mid = Math.max(seg[0] + 1, Math.min(seg[1] - 1, mid));
            todo.push(new int[] {mid, seg[1]});
            todo.push(new int[] {seg[0], mid});
        }
        return sizes;
    }

    /** Writes the next piece when its time has come, each flushed alone, then waits {@code delay}. */
    private void pump() {
        timer = null;
        ChannelHandlerContext ctx = ctx();
        for (Held h = peekHeld(); h != null; h = peekHeld()) {
            long now = now();
            if (h.msg instanceof ByteBuf && nextAtNanos > now) {
                timer = schedule(this::pump, nextAtNanos - now);
                return;
            }
            pollHeld();
            forward(ctx, h.msg, h.promise);
            ctx.flush();
            if (h.msg instanceof ByteBuf) {
                nextAtNanos = now + delayNanos;
            }
        }
    }
}
