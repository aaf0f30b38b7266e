package dev.synack.fault;

import dev.synack.config.OnStateSpec;
import dev.synack.config.TriggerSpec;
import dev.synack.observe.Side;
import dev.synack.observe.SocketStates;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.util.concurrent.ScheduledFuture;

/**
 * When a fault handler starts acting: at once, after a number of bytes of its direction have passed it
 * untouched, once a time has passed since it started on the connection, or once a socket of the connection
 * enters a TCP state (as the context's {@link SocketStates} follows it). Bytes before the trigger pass as
 * they are; a chunk that crosses the byte count is split there. An update keeps the progress, and a trigger
 * that fired stays fired.
 */
final class FaultTrigger {
    private final FaultHandler handler;
    private long startNanos;
    private long passedBytes;
    private boolean fired;
    private ScheduledFuture<?> timer;
    private SocketStates.Registration watch = SocketStates.Registration.NONE;

    FaultTrigger(FaultHandler handler) {
        this.handler = handler;
    }

    /** Arms the trigger as the handler enters the pipeline; {@code previous} is its predecessor's after an update. */
    void start(ChannelHandlerContext ctx, FaultTrigger previous) {
        startNanos = previous != null ? previous.startNanos : handler.now();
        passedBytes = previous != null ? previous.passedBytes : 0;
        if (previous != null && previous.fired) {
            fire(ctx, true);
            return;
        }
        TriggerSpec t = handler.fault().trigger();
        if (t.isNone() || (t.afterBytes() > 0 && passedBytes >= t.afterBytes())) {
            fire(ctx, false);
        } else if (t.onState() != null) {
            OnStateSpec on = t.onState();
            Side side = on.socket() == OnStateSpec.Socket.UPSTREAM ? Side.UPSTREAM : Side.DOWNSTREAM;
            watch = handler.context.whenState(side, on.state(), () -> fire(ctx, false));
        } else if (!t.after().isZero()) {
            long left = startNanos + t.after().toNanos() - handler.now();
            if (left <= 0) {
                fire(ctx, false);
            } else {
                timer = handler.context.clock().schedule(ctx.executor(), () -> fire(ctx, false), left);
            }
        }
    }

    boolean fired() {
        return fired;
    }

    /** The handler leaves the pipeline (removed, replaced by an update, or its channel closed): nothing stays armed. */
    void cancel() {
        if (timer != null) {
            timer.cancel(false);
        }
        watch.cancel();
        watch = SocketStates.Registration.NONE;
    }

    /** A message written before the trigger fired: it passes, and may fire the trigger. */
    void pass(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        long limit = handler.fault().trigger().afterBytes();
        if (limit == 0 || !(msg instanceof ByteBuf buf)) {
            handler.forward(ctx, msg, promise);
            return;
        }
        long left = limit - passedBytes;
        if (buf.readableBytes() < left) {
            passedBytes += buf.readableBytes();
            handler.forward(ctx, buf, promise);
            return;
        }
        ByteBuf head = buf.readRetainedSlice((int) left);
        passedBytes = limit;
        boolean rest = buf.isReadable();
        handler.forward(ctx, head, rest ? ctx.newPromise() : promise);
        fire(ctx, false);
        if (rest) {
            handler.write(ctx, buf, promise);
        } else {
            buf.release();
        }
    }

    private void fire(ChannelHandlerContext ctx, boolean resumed) {
        if (fired) {
            return;
        }
        fired = true;
        timer = null;
        handler.activate(ctx, resumed);
    }
}
