package dev.synack.time;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The time every timer of synack reads and schedules by: sessions, the upstream connector's backoff and
 * faults. The real one is {@link #SYSTEM}; tests drive timing logic with a manual clock in virtual time
 * instead of sleeping.
 */
public interface Clock {
    /** The real clock: {@link System#nanoTime()}, and tasks on the given executor (an event loop). */
    Clock SYSTEM = new Clock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public ScheduledFuture<?> schedule(ScheduledExecutorService executor, Runnable task, long delayNanos) {
            return executor.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
        }

        @Override
        public String toString() {
            return "Clock.SYSTEM";
        }
    };

    /** Monotonic nanoseconds, comparable only with other readings of the same clock. */
    long nanoTime();

    /**
     * Runs {@code task} on {@code executor} once {@code delayNanos} have passed on this clock. A manual
     * clock may run it on the thread that advances the clock: callers schedule only from the executor's
     * own thread and so never see the difference.
     */
    ScheduledFuture<?> schedule(ScheduledExecutorService executor, Runnable task, long delayNanos);
}
