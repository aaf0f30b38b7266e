package dev.synack.proxy;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts concurrent sessions of one proxy, in all and per client IP, and refuses the one over a limit.
 * Zero means no limit. The limits can change while sessions run: a slot is given back the way it was
 * taken. Accepts happen on several event loops, hence the atomics.
 */
final class ConnectionLimiter {
    /** What {@link #tryAcquire} took, to be handed back to {@link #release}. */
    enum Slot { REFUSED, TOTAL, TOTAL_AND_CLIENT }

    private volatile int maxTotal;
    private volatile int maxPerClient;
    private final AtomicInteger total = new AtomicInteger();
    private final ConcurrentHashMap<InetAddress, AtomicInteger> perClient = new ConcurrentHashMap<>();

    ConnectionLimiter(int maxTotal, int maxPerClient) {
        limits(maxTotal, maxPerClient);
    }

    /** New limits for later acquisitions; slots already taken stay taken. */
    void limits(int maxTotal, int maxPerClient) {
        this.maxTotal = maxTotal;
        this.maxPerClient = maxPerClient;
    }

    /** Takes a slot for a new session from {@code client}; {@link Slot#REFUSED} (nothing taken) when over a limit. */
    Slot tryAcquire(InetAddress client) {
        int maxTotal = this.maxTotal;
        int maxPerClient = this.maxPerClient;
        if (total.incrementAndGet() > maxTotal && maxTotal > 0) {
            total.decrementAndGet();
            return Slot.REFUSED;
        }
        if (maxPerClient <= 0) {
            return Slot.TOTAL;
        }
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
            return Slot.REFUSED;
        }
        return Slot.TOTAL_AND_CLIENT;
    }

    void release(InetAddress client, Slot slot) {
        if (slot == Slot.REFUSED) {
            return;
        }
        total.decrementAndGet();
        if (slot == Slot.TOTAL_AND_CLIENT) {
            perClient.computeIfPresent(client, (k, c) -> c.decrementAndGet() <= 0 ? null : c);
        }
    }

    int active() {
        return total.get();
    }
}
