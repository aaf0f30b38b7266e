package dev.synack.fault;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelPromise;

/** A message a fault holds, with its promise and arrival time; the fault may stamp when it is due. */
public final class Held {
    public final Object msg;
    public final ChannelPromise promise;
    public final long arrivalNanos;
    public long dueNanos;

    Held(Object msg, ChannelPromise promise, long arrivalNanos) {
        this.msg = msg;
        this.promise = promise;
        this.arrivalNanos = arrivalNanos;
    }

    /** The bytes it carries: 0 for a FIN or RESET. */
    public int bytes() {
        return msg instanceof ByteBuf b ? b.readableBytes() : 0;
    }
}
