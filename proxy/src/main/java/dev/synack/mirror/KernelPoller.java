package dev.synack.mirror;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's one background thread. Every {@code kernelPoll} it scans /proc/net/tcp{,6} once for every
 * tracked socket, hands the scan to each open session's event loop (which reads its open fds' tcp_info
 * there), reads ended connections straight from the scan, and forgets what the kernel has forgotten: an
 * ended connection once both its sockets left the tables and {@code keepClosed} passed, the oldest ended
 * connections beyond {@code maxTracked} at once.
 */
final class KernelPoller implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KernelPoller.class);

    private final KernelProbe probe;
    private final MirrorOptions options;
    private final LongSupplier clock;
    private final Map<Long, ConnectionMirror> tracked;
    private final ConcurrentLinkedQueue<ConnectionMirror> endedInOrder = new ConcurrentLinkedQueue<>();
    private final AtomicInteger ended = new AtomicInteger();
    private final AtomicLong evicted = new AtomicLong();
    private ScheduledExecutorService thread;
    private boolean scanFailureLogged;

    KernelPoller(KernelProbe probe, MirrorOptions options, LongSupplier clock, Map<Long, ConnectionMirror> tracked) {
        this.probe = probe;
        this.options = options;
        this.clock = clock;
        this.tracked = tracked;
    }

    synchronized void start() {
        if (thread != null) {
            return;
        }
        thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "synack-mirror");
            t.setDaemon(true);
            return t;
        });
        long every = options.kernelPoll().toNanos();
        thread.scheduleWithFixedDelay(this::pollQuietly, every, every, TimeUnit.NANOSECONDS);
    }

    /** A session ended: track it until the kernel forgets its sockets, the oldest going first beyond the cap. */
    void ended(ConnectionMirror m) {
        endedInOrder.add(m);
        ended.incrementAndGet();
        if (options.maxTracked() == 0) {
            forgetOldest();
        }
    }

    /** Ended connections dropped because more than {@code maxTracked} were tracked. */
    long evicted() {
        return evicted.get();
    }

    CompletableFuture<Void> pollNow() {
        ScheduledExecutorService t;
        synchronized (this) {
            t = thread;
        }
        if (t == null) {
            return poll();
        }
        try {
            return CompletableFuture.supplyAsync(this::poll, t).thenCompose(f -> f);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(null);
        }
    }

    private void pollQuietly() {
        try {
            poll();
        } catch (RuntimeException e) {
            log.warn("mirror poll failed", e);
        }
    }

    /** One poll: a scan, then every tracked connection read from it. Completes when the sessions' loops have. */
    CompletableFuture<Void> poll() {
        while (ended.get() > options.maxTracked()) {
            forgetOldest();
        }
        KernelTable table = tracked.isEmpty() ? KernelTable.EMPTY : scan();
        long now = clock.getAsLong();
        long keep = options.keepClosed().toNanos();
        List<CompletableFuture<Void>> loops = new ArrayList<>();
        for (ConnectionMirror m : tracked.values()) {
            if (m.isOpen()) {
                loops.add(onLoop(m, table));
            }
        }
        if (table != null) {
            for (Iterator<ConnectionMirror> it = endedInOrder.iterator(); it.hasNext(); ) {
                ConnectionMirror m = it.next();
                m.sampleClosed(table, now);
                if (m.expired(now, keep)) {
                    it.remove();
                    ended.decrementAndGet();
                    tracked.remove(m.id, m);
                }
            }
        }
        return CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new));
    }

    private CompletableFuture<Void> onLoop(ConnectionMirror m, KernelTable table) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            m.info.executor().execute(() -> {
                try {
                    m.sampleOpen(table, clock.getAsLong());
                } finally {
                    done.complete(null);
                }
            });
        } catch (RejectedExecutionException e) {
            done.complete(null); // the loop is shutting down; the session's closed event is on its way
        }
        return done;
    }

    /** One scan; null if /proc cannot be read (logged once): readings then wait for the next poll. */
    private KernelTable scan() {
        try {
            return probe.scan();
        } catch (IOException | RuntimeException e) {
            if (!scanFailureLogged) {
                scanFailureLogged = true;
                log.warn("mirror: cannot read the kernel's socket tables; closed sockets stay unconfirmed: {}", e.toString());
            }
            return null;
        }
    }

    private void forgetOldest() {
        ConnectionMirror oldest = endedInOrder.poll();
        if (oldest != null) {
            ended.decrementAndGet();
            if (tracked.remove(oldest.id, oldest)) {
                evicted.incrementAndGet();
            }
        }
    }

    @Override
    public synchronized void close() {
        if (thread != null) {
            thread.shutdownNow();
        }
    }
}
