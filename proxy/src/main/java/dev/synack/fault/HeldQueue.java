package dev.synack.fault;

import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Iterator;
import java.util.function.LongUnaryOperator;

/**
 * What one fault handler holds, in order, and the channel's user-defined writability bit it owns: the
 * bit turns unwritable while the held bytes exceed the handler's limit (or while the handler stalls the
 * channel) and writable again below the low mark, so the relay stops reading instead of letting memory
 * grow. An update hands the queue and the bit's state to the successor.
 */
final class HeldQueue implements Iterable<Held> {
    /** Made at the first hold: a fault that holds nothing (an idle connection, a latency of 0) keeps none. */
    private ArrayDeque<Held> held;
    private long bytes;
    private boolean stalled;
    private boolean unwritable;

    void add(Held h) {
        if (held == null) {
            held = new ArrayDeque<>();
        }
        held.addLast(h);
        bytes += h.bytes();
    }

    Held peek() {
        return held == null ? null : held.peekFirst();
    }

    Held poll() {
        Held h = held == null ? null : held.pollFirst();
        if (h != null) {
            bytes -= h.bytes();
        }
        return h;
    }

    /** {@code n} bytes were taken off the head message. */
    void took(int n) {
        bytes -= n;
    }

    /** The bytes held: the sum of the held messages' readable bytes. */
    long bytes() {
        return bytes;
    }

    boolean isEmpty() {
        return held == null || held.isEmpty();
    }

    void stall(boolean on) {
        stalled = on;
    }

    @Override
    public Iterator<Held> iterator() {
        return held == null ? Collections.emptyIterator() : held.iterator();
    }

    /** Takes over everything {@code old} holds and the state of the bit they share. */
    void adopt(HeldQueue old) {
        if (!old.isEmpty()) {
            if (held == null) {
                held = new ArrayDeque<>();
            }
            held.addAll(old.held);
            old.held.clear();
        }
        bytes = old.bytes;
        unwritable = old.unwritable;
        old.bytes = 0;
    }

    /**
     * Sets the bit from what is held. {@code limit} maps the channel's high water mark to this handler's;
     * the low mark is scaled alike.
     */
    void updateWritability(ChannelHandlerContext ctx, int bit, LongUnaryOperator limit) {
        if (ctx == null || bit == 0) {
            return;
        }
        ChannelConfig c = ctx.channel().config();
        long high = limit.applyAsLong(c.getWriteBufferHighWaterMark());
        long low = c.getWriteBufferLowWaterMark() * (high / Math.max(1, c.getWriteBufferHighWaterMark()));
        boolean next = stalled || (unwritable ? bytes > 0 && bytes >= low : bytes > high);
        if (next != unwritable) {
            unwritable = next;
            ChannelOutboundBuffer out = ctx.channel().unsafe().outboundBuffer();
            if (out != null) {
                out.setUserDefinedWritability(bit, !next);
            }
        }
    }
}
