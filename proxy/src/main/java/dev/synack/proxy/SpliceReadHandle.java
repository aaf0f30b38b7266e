package dev.synack.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelConfig;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.util.UncheckedBooleanSupplier;

/**
 * The read allocator of one socket of a splicing proxy: it sizes copied reads as the proxy's allocator
 * does, and is how a {@link SplicedDirection} sees and steers the epoll transport's splice of this socket.
 *
 * <p>Netty's {@code spliceTo} reads through the channel's read handle: each splice(2) into the pipe reports
 * its byte count to {@link #lastBytesRead(int)} (counted here: the bytes that left this socket), and the
 * length of each read is {@link #guess()}, which nothing but the splice asks this handle for. A splice task
 * of unbounded length has no way to be cancelled, so {@link #stop()} arms {@code guess()} to throw once:
 * the transport fails the task and drops it before its next splice moves a byte, and the socket's later
 * reads copy again. While a task is queued no copied read runs, and {@link #continueReading} keeps a pass
 * from starting one after the task is gone.
 */
final class SpliceReadHandle implements RecvByteBufAllocator, RecvByteBufAllocator.ExtendedHandle {
    /** Thrown by {@link #guess()} to end a splice task; no stack: it is a signal, not an error. */
    static final RuntimeException STOP = new IllegalStateException("splice stopped") {
        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    };

    private final ExtendedHandle copy;
    private final int spliceSize;
    private long moved;
    private boolean splicing;
    private boolean stopArmed;

    /** {@code base} sizes copied reads; a splice takes at most {@code spliceSize} bytes a pass. */
    SpliceReadHandle(RecvByteBufAllocator base, int spliceSize) {
        this.copy = (ExtendedHandle) base.newHandle();
        this.spliceSize = spliceSize;
    }

    /** A splice task is queued on this socket from now on. */
    void splicing() {
        splicing = true;
        stopArmed = false;
    }

    /** Ends the queued splice task at its next pass, before it moves a byte. */
    void stop() {
        if (splicing) {
            stopArmed = true;
        }
    }

    /** The task is gone (stopped, failed or closed): reads copy again. */
    void copying() {
        splicing = false;
        stopArmed = false;
    }

    /** The bytes spliced out of this socket since the last call. */
    long takeMoved() {
        long n = moved;
        moved = 0;
        return n;
    }

    @Override
    public Handle newHandle() {
        return this;
    }

    @Override
    public int guess() {
        if (stopArmed) {
            stopArmed = false;
            splicing = false;
            throw STOP;
        }
        return spliceSize;
    }

    @Override
    public void lastBytesRead(int bytes) {
        if (splicing && bytes > 0) {
            moved += bytes;
        }
        copy.lastBytesRead(bytes);
    }

    @Override
    public boolean continueReading(UncheckedBooleanSupplier maybeMoreDataSupplier) {
        return !splicing && copy.continueReading(maybeMoreDataSupplier);
    }

    @Override
    public boolean continueReading() {
        return !splicing && copy.continueReading();
    }

    @Override public ByteBuf allocate(ByteBufAllocator alloc) { return copy.allocate(alloc); }
    @Override public void reset(ChannelConfig config) { copy.reset(config); }
    @Override public void incMessagesRead(int numMessages) { copy.incMessagesRead(numMessages); }
    @Override public int lastBytesRead() { return copy.lastBytesRead(); }
    @Override public void attemptedBytesRead(int bytes) { copy.attemptedBytesRead(bytes); }
    @Override public int attemptedBytesRead() { return copy.attemptedBytesRead(); }
    @Override public void readComplete() { copy.readComplete(); }
}
