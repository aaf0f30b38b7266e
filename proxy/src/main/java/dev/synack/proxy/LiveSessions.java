package dev.synack.proxy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The sessions of one proxy that have not ended, over the proxy's whole life (its options may change,
 * its sessions stay here): the connection limits, the accept sequence that seeds each session's random
 * stream, the peaks of bytes held, and waiting for the set to empty. Used from every event loop.
 */
final class LiveSessions {
    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
    private final ConnectionLimiter limiter;
    private final AtomicLong sequence = new AtomicLong();
    private final LongAccumulator peakBuffered = new LongAccumulator(Math::max, 0);
    private final LongAccumulator peakDrained = new LongAccumulator(Math::max, 0);

    LiveSessions(int maxConnections, int maxPerClient) {
        this.limiter = new ConnectionLimiter(maxConnections, maxPerClient);
    }

    /** New limits for connections accepted from now on; sessions already counted stay counted. */
    void limits(int maxConnections, int maxPerClient) {
        limiter.limits(maxConnections, maxPerClient);
    }

    /** Takes a slot for a new session from {@code client}; {@code REFUSED} when over a limit. */
    ConnectionLimiter.Slot tryAcquire(InetAddress client) {
        return limiter.tryAcquire(client);
    }

    /** The accept order of a new session of this proxy, from 1: with the seed it names the session's random stream. */
    long nextSequence() {
        return sequence.incrementAndGet();
    }

    void started(Session s) {
        sessions.add(s);
    }

    /** Gives back the session's connection slot. */
    void release(InetAddress client, ConnectionLimiter.Slot slot) {
        limiter.release(client, slot);
    }

    void ended(Session s) {
        synchronized (sessions) {
            sessions.remove(s);
            sessions.notifyAll();
        }
    }

    /** The sessions not ended yet, in no particular order. */
    List<Session> snapshot() {
        return List.copyOf(sessions);
    }

    int size() {
        return sessions.size();
    }

    /** Runs {@code action} for each session on that session's own event loop. */
    void eachOnItsLoop(Consumer<Session> action) {
        for (Session s : List.copyOf(sessions)) {
            s.eventLoop().execute(() -> action.accept(s));
        }
    }

    /**
     * Runs {@code action} for each session on that session's own event loop and returns once every one has
     * run (or {@code bound} has passed, or the loop is shutting down): a fault change made through the API
     * or from code is in place on every live connection when the call returns, so the client's next byte
     * meets it. A session whose loop is the caller's runs at once, so a caller on a loop never waits on itself.
     */
    void eachOnItsLoopAndWait(Consumer<Session> action, Duration bound) {
        List<io.netty.util.concurrent.Future<?>> pending = new java.util.ArrayList<>();
        for (Session s : List.copyOf(sessions)) {
            if (s.eventLoop().inEventLoop()) {
                action.accept(s);
                continue;
            }
            try {
                pending.add(s.eventLoop().submit(() -> action.accept(s)));
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                // the loop is shutting down, and the session with it
            }
        }
        long deadline = System.nanoTime() + bound.toNanos();
        for (io.netty.util.concurrent.Future<?> f : pending) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !f.awaitUninterruptibly(java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(left))) {
                return;
            }
        }
    }

    /** Waits until no session is left, {@code timeout} passes or {@code giveUp} holds; true when none is left. */
    boolean awaitEmpty(Duration timeout, BooleanSupplier giveUp) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (sessions) {
            while (!sessions.isEmpty()) {
                if (giveUp.getAsBoolean()) {
                    return false;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                sessions.wait(Math.max(1, left / 1_000_000), 0);
            }
        }
        return true;
    }

    void wake() {
        synchronized (sessions) {
            sessions.notifyAll();
        }
    }

    void recordBuffered(long bytes) {
        peakBuffered.accumulate(bytes);
    }

    void recordDrained(long bytes) {
        peakDrained.accumulate(bytes);
    }

    long peakBuffered() {
        return peakBuffered.get();
    }

    long peakDrained() {
        return peakDrained.get();
    }
}
