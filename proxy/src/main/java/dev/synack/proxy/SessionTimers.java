package dev.synack.proxy;

import dev.synack.config.LimitsSpec;
import dev.synack.observe.CloseReason;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A session's two deadlines on its event loop: {@code idle_timeout} (no byte either way for that long)
 * and {@code max_duration}. Activity only stamps a time; the idle timer re-arms itself for the rest of
 * the quiet period, so a busy session costs one {@code nanoTime()} per read, not a timer per read.
 */
final class SessionTimers {
    private final EventLoop loop;
    private final long idleNanos;
    private final long maxNanos;
    private final Consumer<CloseReason> expire;
    private long lastActivityNanos = System.nanoTime();
    private ScheduledFuture<?> idle;
    private ScheduledFuture<?> max;
    private boolean cancelled;

    SessionTimers(EventLoop loop, LimitsSpec limits, Consumer<CloseReason> expire) {
        this.loop = loop;
        this.idleNanos = limits.idleTimeout().toNanos();
        this.maxNanos = limits.maxDuration().toNanos();
        this.expire = expire;
    }

    /** Arms max_duration, counted from the accept. */
    void accepted() {
        if (maxNanos > 0) {
            max = loop.schedule(() -> fire(CloseReason.MAX_DURATION), maxNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Arms idle_timeout, counted from the upstream connect. */
    void connected() {
        if (idleNanos > 0) {
            activity();
            idle = loop.schedule(this::checkIdle, idleNanos, TimeUnit.NANOSECONDS);
        }
    }

    void activity() {
        lastActivityNanos = System.nanoTime();
    }

    void cancel() {
        cancelled = true;
        if (idle != null) {
            idle.cancel(false);
        }
        if (max != null) {
            max.cancel(false);
        }
    }

    private void checkIdle() {
        if (cancelled) {
            return;
        }
        long quiet = System.nanoTime() - lastActivityNanos;
        if (quiet >= idleNanos) {
            fire(CloseReason.IDLE_TIMEOUT);
        } else {
            idle = loop.schedule(this::checkIdle, idleNanos - quiet, TimeUnit.NANOSECONDS);
        }
    }

    private void fire(CloseReason why) {
        if (!cancelled) {
            expire.accept(why);
        }
    }
}
