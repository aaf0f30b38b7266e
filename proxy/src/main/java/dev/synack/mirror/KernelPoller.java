package dev.synack.mirror;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's one background thread. Every {@code kernelPoll} (longer when a poll is slow: see
 * {@link #DUTY}) it scans /proc/net/tcp{,6} once for the tracked sockets that need it (only the tables and
 * rows they need), hands the scan to each event loop for its open sessions (which read their open fds'
 * tcp_info there), reads ended connections straight from the scan, and forgets what the kernel has forgotten: an
 * ended connection once both its sockets left the tables and {@code keepClosed} passed (beyond
 * {@code maxTracked}, {@link EndedConnections} lets the oldest go as more end).
 */
final class KernelPoller implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KernelPoller.class);

    private final KernelProbe probe;
    private final MirrorOptions options;
    private final LongSupplier clock;
    private final Map<Long, ConnectionMirror> live;
    private final EndedConnections ended;
    private ScheduledExecutorService thread;
    private boolean scanFailureLogged;
    private volatile long lastPollNanos;
    /** The poller's duty cycle: the interval is at least this many times the last poll's own time. */
    static final int DUTY = 100;

    KernelPoller(KernelProbe probe, MirrorOptions options, LongSupplier clock, Map<Long, ConnectionMirror> live,
                 EndedConnections ended) {
        this.probe = probe;
        this.options = options;
        this.clock = clock;
        this.live = live;
        this.ended = ended;
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
        thread.schedule(this::pollAndReschedule, options.kernelPoll().toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * One poll, then the next after {@code kernelPoll}, or later when the poll itself took long: its thread
     * spends at most 1/{@value #DUTY} of a core, whatever the size of the kernel's tables. The poller
     * shares the proxy's cores, and a scan of a host's tables can take tens of milliseconds.
     */
    private void pollAndReschedule() {
        long t0 = System.nanoTime();
        pollQuietly();
        long spent = System.nanoTime() - t0;
        lastPollNanos = spent;
        long next = Math.max(options.kernelPoll().toNanos(), spent * DUTY);
        synchronized (this) {
            if (thread != null && !thread.isShutdown()) {
                thread.schedule(this::pollAndReschedule, next, TimeUnit.NANOSECONDS);
            }
        }
    }

    /** How long the last scheduled poll took on the poller's thread (scan, parse, ended connections). */
    long lastPollNanos() {
        return lastPollNanos;
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

    /**
     * One poll: a scan of what the tracked sockets need from /proc (nothing, when every open fd has tcp_info
     * and no closed socket awaits the kernel), one task per event loop for its open sessions, and the ended
     * connections read from the scan here. Completes when the loops have.
     */
    CompletableFuture<Void> poll() {
        ScanRequest wanted = new ScanRequest();
        Map<Executor, List<ConnectionMirror>> open = new HashMap<>();
        for (ConnectionMirror m : live.values()) {
            m.want(wanted);
            if (m.isOpen()) {
                open.computeIfAbsent(m.loop, e -> new ArrayList<>()).add(m);
            }
        }
        EndedConnection[] closed = ended.snapshot();
        for (EndedConnection e : closed) {
            e.want(wanted);
        }
        KernelTable table = wanted.isEmpty() ? null : scan(wanted);
        long now = clock.getAsLong();
        long keep = options.keepClosed().toNanos();
        List<CompletableFuture<Void>> loops = new ArrayList<>(open.size());
        open.forEach((loop, sessions) -> loops.add(onLoop(loop, sessions, table)));
        for (EndedConnection e : closed) {
            e.sampleClosed(table, now);
        }
        ended.forget(e -> e.expired(now, keep));
        return CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new));
    }

    /** One task on {@code loop} samples all of its open sessions: a task per loop per poll, not one per session. */
    private CompletableFuture<Void> onLoop(Executor loop, List<ConnectionMirror> sessions, KernelTable table) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            loop.execute(() -> {
                try {
                    long now = clock.getAsLong();
                    for (ConnectionMirror m : sessions) {
                        m.sampleOpen(table, now);
                    }
                } finally {
                    done.complete(null);
                }
            });
        } catch (RejectedExecutionException e) {
            done.complete(null); // the loop is shutting down; the sessions' closed events are on their way
        }
        return done;
    }

    /** One scan; null if /proc cannot be read (logged once): readings then wait for the next poll. */
    private KernelTable scan(ScanRequest wanted) {
        try {
            return probe.scan(wanted);
        } catch (IOException | RuntimeException e) {
            if (!scanFailureLogged) {
                scanFailureLogged = true;
                log.warn("mirror: cannot read the kernel's socket tables; closed sockets stay unconfirmed: {}", e.toString());
            }
            return null;
        }
    }

    @Override
    public synchronized void close() {
        if (thread != null) {
            thread.shutdownNow();
        }
    }
}
