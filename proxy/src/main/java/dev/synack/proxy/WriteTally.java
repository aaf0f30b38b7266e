package dev.synack.proxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultChannelPromise;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GenericFutureListener;

/**
 * The promise of every counted write of one socket that nobody else waits on (the session's writes carry
 * the void promise): it reports each write's bytes to the session when the transport has handed them to
 * the kernel, without an object per write. A promise, its listener list and a listener per write were a
 * steady 240 bytes of garbage per proxied round trip, and so the young collections (and their pauses) of a
 * busy proxy.
 *
 * <p>Netty completes a socket's writes in the order they were queued, written or failed, each once; so one
 * promise, completed once per write, and a queue of the sizes of the writes it still owes are enough. It
 * is never done for anyone else: it cannot be cancelled and takes no listener. A write that fails is
 * reported as the void promise reports it: an exception through the socket's pipeline.
 */
final class WriteTally extends DefaultChannelPromise {
    private final TailEvents events;
    /**
     * The size of the one write owed while no queue is needed: a kept-alive exchange has one write in
     * flight at a time, so most sockets never make the queue (an array of 32 bytes for as long as the socket lives).
     */
    private int single;
    /** Sizes of the writes owed, oldest at {@code head}, once two were owed at once; a power of two long. */
    private int[] sizes;
    private int head;
    private int owed;

    WriteTally(Channel channel, TailEvents events) {
        super(channel);
        this.events = events;
    }

    /** A write of {@code n} bytes is queued with this promise: the promise to pass with it. */
    ChannelPromise queued(int n) {
        if (sizes == null) {
            if (owed == 0) {
                single = n;
                owed = 1;
                return this;
            }
            sizes = new int[4];
            sizes[0] = single;
            head = 0;
        } else if (owed == sizes.length) {
            int[] wider = new int[sizes.length * 2];
            for (int i = 0; i < owed; i++) {
                wider[i] = sizes[(head + i) & (sizes.length - 1)];
            }
            sizes = wider;
            head = 0;
        }
        sizes[(head + owed) & (sizes.length - 1)] = n;
        owed++;
        return this;
    }

    /** Writes queued with this promise and not yet written or failed. */
    int owed() {
        return owed;
    }

    /** The oldest write's size, now that it completed; -1 if none is owed (a completion nobody queued). */
    private int completed() {
        if (owed == 0) {
            return -1;
        }
        if (sizes == null) {
            owed = 0;
            return single;
        }
        int n = sizes[head];
        head = (head + 1) & (sizes.length - 1);
        owed--;
        return n;
    }

    @Override
    public boolean trySuccess(Void result) {
        int n = completed();
        if (n > 0) {
            events.written(channel(), n);
        }
        return true;
    }

    @Override
    public ChannelPromise setSuccess(Void result) {
        trySuccess(result);
        return this;
    }

    @Override
    public boolean tryFailure(Throwable cause) {
        completed();
        if (channel().isRegistered()) {
            channel().pipeline().fireExceptionCaught(cause);
        }
        return true;
    }

    @Override
    public ChannelPromise setFailure(Throwable cause) {
        tryFailure(cause);
        return this;
    }

    @Override
    public boolean setUncancellable() {
        return true;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        return false;
    }

    @Override
    public ChannelPromise addListener(GenericFutureListener<? extends Future<? super Void>> listener) {
        throw new UnsupportedOperationException("a write tally completes once per write: listen on a promise of your own");
    }

    @SafeVarargs
    @Override
    public final ChannelPromise addListeners(GenericFutureListener<? extends Future<? super Void>>... listeners) {
        throw new UnsupportedOperationException("a write tally completes once per write: listen on a promise of your own");
    }
}
