package dev.synack.fault.builtin;

import dev.synack.fault.FaultContext;
import dev.synack.fault.FaultHandler;
import dev.synack.fault.Held;
import dev.synack.fault.StreamEnd;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Holds the FIN for a delay from its arrival, passing bytes untouched: the common part of
 * {@code slow_close} and {@code hold_fin}. After an update the held FIN is due at its arrival plus the
 * new delay; removing the fault lets it go at once.
 */
abstract class FinDelay extends FaultHandler {
    private final long delayMillis;
    private ScheduledFuture<?> timer;

    FinDelay(long delayMillis, FaultContext context) {
        super(context);
        this.delayMillis = delayMillis;
    }

    @Override
    protected void onActivate(ChannelHandlerContext ctx) {
        release();
    }

    @Override
    protected void onFin(ChannelHandlerContext ctx, ChannelPromise promise) {
        hold(StreamEnd.FIN, promise);
        release();
    }

    @Override
    protected void cancelTimers() {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    private void release() {
        Held fin = peekHeld();
        if (fin == null) {
            return;
        }
        long left = fin.arrivalNanos + TimeUnit.MILLISECONDS.toNanos(delayMillis) - now();
        if (left <= 0) {
            releaseAll(ctx());
        } else {
            timer = schedule(() -> releaseAll(ctx()), left);
        }
    }
}
