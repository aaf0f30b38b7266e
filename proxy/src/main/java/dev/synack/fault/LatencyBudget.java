package dev.synack.fault;

import io.netty.util.internal.PlatformDependent;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes every {@code latency} fault of the process may hold at once beyond its channels' high water
 * marks: one budget shared by all connections and directions, so that many connections under latency
 * cannot exhaust the proxy's memory, while one fast stream may hold all it needs ({@code rate × latency})
 * and is never capped below it.
 *
 * <p>The process's budget, {@link #shared()}, is half of the direct memory Netty may allocate (the JVM's
 * {@code -XX:MaxDirectMemorySize}, which defaults to the heap's maximum; or {@code io.netty.maxDirectMemory}):
 * the held bytes are the buffers the relay read into, and the other half stays for reading, writing and
 * the allocator's slack. Each connection and direction reports what it holds through its own
 * {@link Account}; counting is lock-free (one atomic add per change), and reading the total may lag a
 * change made on another event loop by a moment, which only lets a connection read one more chunk.
 */
public final class LatencyBudget {
    private static final LatencyBudget SHARED = new LatencyBudget(Math.max(1, PlatformDependent.maxDirectMemory() / 2));

    private final long capacity;
    private final AtomicLong held = new AtomicLong();

    /** A budget of {@code capacity} bytes (tests use small ones; the proxy uses {@link #shared()}). */
    public LatencyBudget(long capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: > 0)");
        }
        this.capacity = capacity;
    }

    /** The process's budget: half of the direct memory Netty may allocate. */
    public static LatencyBudget shared() {
        return SHARED;
    }

    public long capacity() {
        return capacity;
    }

    /** The bytes latency faults hold now, summed over every connection and direction that reports here. */
    public long held() {
        return held.get();
    }

    /** Whether what is held exceeds the capacity: a connection holding more than its high water mark must wait. */
    public boolean spent() {
        return held.get() > capacity;
    }

    /** A new account for one connection and direction, holding nothing. */
    public Account account() {
        return new Account();
    }

    /**
     * What one connection and direction holds, as last reported to the budget. It moves to the successor
     * when a fault is updated, with the bytes it holds. Used on that connection's event loop only.
     */
    public final class Account {
        private long reported;

        private Account() {}

        /** This connection and direction now holds {@code bytes}: the budget's total moves by the difference. */
        public void report(long bytes) {
            long delta = bytes - reported;
            if (delta != 0) {
                reported = bytes;
                held.addAndGet(delta);
            }
        }

        public long reported() {
            return reported;
        }

        public LatencyBudget budget() {
            return LatencyBudget.this;
        }
    }
}
