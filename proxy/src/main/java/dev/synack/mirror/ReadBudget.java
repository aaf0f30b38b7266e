package dev.synack.mirror;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * At most {@code perSecond} tcp_info reads a second after handshakes, over every event loop, with a burst of a
 * tenth of a second's worth: the generic cell rate algorithm on one atomic (a compare-and-set per read asked
 * for, nothing per connection). A socket denied a read asks again at its next observation, and is read at the
 * next poll if it is still open.
 */
final class ReadBudget {
    private static final long BURST_NANOS = 100_000_000L;

    private final boolean none;
    private final long interval;
    private final LongSupplier clock;
    /** When the next read would be due if reads came exactly at the rate (the theoretical arrival time). */
    private final AtomicLong due;

    ReadBudget(int perSecond, LongSupplier clock) {
        this.none = perSecond == 0;
        this.interval = none ? Long.MAX_VALUE : 1_000_000_000L / perSecond;
        this.clock = clock;
        this.due = new AtomicLong(clock.getAsLong());
    }

    /** Whether one more read fits the rate now; if so it is counted. */
    boolean tryTake() {
        if (none) {
            return false;
        }
        long now = clock.getAsLong();
        while (true) {
            long d = due.get();
            long start = d - now > 0 ? d : now;
            if (start - now > BURST_NANOS) {
                return false;
            }
            if (due.compareAndSet(d, start + interval)) {
                return true;
            }
        }
    }
}
