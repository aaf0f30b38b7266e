package dev.synack.proxy;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Lets one report through per interval and counts the ones held back, so a failure that repeats on every
 * connection (out of file descriptors) costs one log line per interval, not one per connection. Safe
 * from any thread.
 */
final class ReportGate {
    private final long intervalNanos;
    private final AtomicLong last;
    private final AtomicLong held = new AtomicLong();

    ReportGate(long intervalNanos) {
        this.intervalNanos = intervalNanos;
        this.last = new AtomicLong(System.nanoTime() - intervalNanos);
    }

    /** -1 when this report is held back; else the number held back since the last one let through. */
    long pass() {
        long now = System.nanoTime();
        long prev = last.get();
        if (now - prev < intervalNanos || !last.compareAndSet(prev, now)) {
            held.incrementAndGet();
            return -1;
        }
        return held.getAndSet(0);
    }
}
