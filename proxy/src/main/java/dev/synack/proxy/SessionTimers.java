package dev.synack.proxy;

import dev.synack.config.LimitsSpec;
import dev.synack.observe.CloseReason;
import dev.synack.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;

/**
 * A session's two deadlines on its event loop: {@code idle_timeout} (no byte either way for that long)
 * and {@code max_duration}. Activity only stamps a time; the idle timer re-arms itself for the rest of
 * the quiet period, so a busy session costs one clock reading per read, not a timer per read.
 */
final class SessionTimers implements Runnable {
    private final Clock clock;
    private final ScheduledExecutorService loop;
    private final long idleNanos;
    private final long maxNanos;
    private final Consumer<CloseReason> expire;
    private long lastActivityNanos;
    private ScheduledFuture<?> idle;
    private ScheduledFuture<?> max;
    private boolean cancelled;

    SessionTimers(Clock clock, ScheduledExecutorService loop, LimitsSpec limits, Consumer<CloseReason> expire) {
        this.clock = clock;
        this.loop = loop;
        this.idleNanos = limits.idleTimeout().toNanos();
        this.maxNanos = limits.maxDuration().toNanos();
        this.expire = expire;
        this.lastActivityNanos = clock.nanoTime();
    }

    /** Arms max_duration, counted from the accept. */
    void accepted() {
        if (maxNanos > 0) {
            max = clock.schedule(loop, () -> fire(CloseReason.MAX_DURATION), maxNanos);
        }
    }

    /** Arms idle_timeout, counted from the upstream connect. */
    void connected() {
        if (idleNanos > 0) {
            activity();
            idle = clock.schedule(loop, this, idleNanos);
        }
    }

    void activity() {
        lastActivityNanos = clock.nanoTime();
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

    /** The idle check (the timers are their own task: a method reference would cost 16 bytes per session). */
    @Override
    public void run() {
        if (cancelled) {
            return;
        }
        long quiet = clock.nanoTime() - lastActivityNanos;
        if (quiet >= idleNanos) {
            fire(CloseReason.IDLE_TIMEOUT);
        } else {
            idle = clock.schedule(loop, this, idleNanos - quiet);
        }
    }

    private void fire(CloseReason why) {
        if (!cancelled) {
            expire.accept(why);
        }
    }
}
