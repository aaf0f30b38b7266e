package dev.synack.time;

import java.util.PriorityQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A clock that moves only when a test calls {@link #advance}: due tasks then run on the calling thread,
 * in due order (ties in scheduling order), including tasks they schedule within the advanced span.
 * Not thread-safe: use it from one test thread, with EmbeddedChannel or other single-threaded code.
 */
public final class ManualClock implements Clock {
    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private long now;
    private long sequence;
    private long lateness;

    public ManualClock() {
        this(0);
    }

    public ManualClock(long startNanos) {
        this.now = startNanos;
    }

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public ScheduledFuture<?> schedule(ScheduledExecutorService executor, Runnable task, long delayNanos) {
        Task t = new Task(now + Math.max(0, delayNanos) + lateness, sequence++, task);
        queue.add(t);
        return t;
    }

    /** Every task scheduled from now on runs {@code nanos} after it is due, as timers do on a loaded machine. */
    public void lateBy(long nanos) {
        this.lateness = nanos;
    }

    /** Moves time forward by {@code amount}, running every task that falls due on the way. */
    public void advance(long amount, TimeUnit unit) {
        long target = now + unit.toNanos(amount);
        for (Task t = queue.peek(); t != null && t.due <= target; t = queue.peek()) {
            queue.poll();
            now = Math.max(now, t.due);
            if (!t.cancelled) {
                t.done = true;
                t.task.run();
            }
        }
        now = target;
    }

    public void advanceMillis(long millis) {
        advance(millis, TimeUnit.MILLISECONDS);
    }

    /** Tasks scheduled and neither run nor cancelled yet. */
    public int pending() {
        return (int) queue.stream().filter(t -> !t.cancelled).count();
    }

    private final class Task implements ScheduledFuture<Object> {
        final long due;
        final long seq;
        final Runnable task;
        boolean cancelled;
        boolean done;

        Task(long due, long seq, Runnable task) {
            this.due = due;
            this.seq = seq;
            this.task = task;
        }

        @Override public long getDelay(TimeUnit unit) { return unit.convert(due - now, TimeUnit.NANOSECONDS); }
        @Override public int compareTo(Delayed o) {
            Task t = (Task) o;
            return due != t.due ? Long.compare(due, t.due) : Long.compare(seq, t.seq);
        }
        @Override public boolean cancel(boolean mayInterrupt) {
            if (done || cancelled) {
                return false;
            }
            cancelled = true;
            return true;
        }
        @Override public boolean isCancelled() { return cancelled; }
        @Override public boolean isDone() { return done || cancelled; }
        @Override public Object get() throws ExecutionException { return null; }
        @Override public Object get(long timeout, TimeUnit unit) { return null; }
    }
}
