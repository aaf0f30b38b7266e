package dev.synack.proxy;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts concurrent sessions of one proxy, in all and per client IP, and refuses the one over a limit.
 * Zero means no limit. Accepts happen on several event loops, hence the atomics.
 */
final class ConnectionLimiter {
    private final int maxTotal;
    private final int maxPerClient;
    private final AtomicInteger total = new AtomicInteger();
    private final ConcurrentHashMap<InetAddress, AtomicInteger> perClient = new ConcurrentHashMap<>();

    ConnectionLimiter(int maxTotal, int maxPerClient) {
        this.maxTotal = maxTotal;
        this.maxPerClient = maxPerClient;
    }

    /** Takes a slot for a new session from {@code client}; false (and nothing taken) when over a limit. */
    boolean tryAcquire(InetAddress client) {
        if (total.incrementAndGet() > maxTotal && maxTotal > 0) {
            total.decrementAndGet();
            return false;
        }
        if (maxPerClient > 0) {
            boolean[] ok = {true};
            perClient.compute(client, (k, n) -> {
                AtomicInteger c = n == null ? new AtomicInteger() : n;
                if (c.get() >= maxPerClient) {
                    ok[0] = false;
                } else {
                    c.incrementAndGet();
                }
                return c.get() == 0 ? null : c;
            });
            if (!ok[0]) {
                total.decrementAndGet();
                return false;
            }
        }
        return true;
    }

    void release(InetAddress client) {
        total.decrementAndGet();
        if (maxPerClient > 0) {
            perClient.computeIfPresent(client, (k, c) -> c.decrementAndGet() <= 0 ? null : c);
        }
    }

    int active() {
        return total.get();
    }
}
