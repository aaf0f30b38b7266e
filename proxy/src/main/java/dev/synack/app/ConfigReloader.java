package dev.synack.app;

import dev.synack.config.ConfigError;
import dev.synack.config.ConfigException;
import dev.synack.config.ConfigLoader;
import dev.synack.config.SynackConfig;
import dev.synack.config.Units;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads the config file of a running synack, on a change to the file (when watched) and on request
 * (SIGHUP), through the live {@code ProxyRegistry}: see {@link ReloadPlan} for what a reload changes and
 * {@link ReloadApplier} for how. A file that does not load, or cannot run on this synack's transport, is
 * rejected with every error logged, and what runs keeps running. Reloads run one at a time on the
 * reloader's own thread, never on an event loop; file events are debounced ({@link #QUIET}), and a file
 * whose config did not change (a touch, a comment edited) changes nothing.
 */
public final class ConfigReloader implements AutoCloseable {
    /** How long the file must be left alone before it is read: an editor's save is several events. */
    static final Duration QUIET = Duration.ofMillis(250);
    private static final Logger log = LoggerFactory.getLogger(ConfigReloader.class);

    private final Path file;
    private final Synack synack;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "synack-reload");
        t.setDaemon(true);
        return t;
    });
    private final ReloadApplier applier;
    private ConfigWatch watch;
    /** What the file held last time it was read: a config, or the errors that rejected it. On the worker only. */
    private Object lastSeen;
    private volatile SynackConfig current;
    private ScheduledFuture<?> pending;

    private ConfigReloader(Path file, Synack synack) {
        this.file = file;
        this.synack = synack;
        this.current = synack.config();
        this.lastSeen = current;
        this.applier = new ReloadApplier(synack.registry(), synack.config().proxies());
    }

    /**
     * A reloader of {@code file}, which {@code synack} was started from; with {@code watch}, changes to the
     * file are applied as they are saved, otherwise only {@link #reload(String)} applies them.
     */
    public static ConfigReloader start(Path file, Synack synack, boolean watch) {
        ConfigReloader r = new ConfigReloader(file, synack);
        if (watch) {
            try {
                r.watch = ConfigWatch.start(file, r::fileEvent);
            } catch (IOException | RuntimeException e) {
                log.warn("cannot watch {} for changes ({}); SIGHUP still reloads it", file, e.toString());
            }
        }
        return r;
    }

    /** The config last applied (what the file said, keys needing a restart included); its shutdown drain is live. */
    public SynackConfig current() {
        return current;
    }

    /** Reads the file and applies it now, whatever it holds ({@code why}: {@code SIGHUP}, ...); from any thread. */
    public CompletableFuture<ReloadResult> reload(String why) {
        try {
            return CompletableFuture.supplyAsync(() -> reloadNow(why, false), worker);
        } catch (RejectedExecutionException e) {
            log.info("{}: synack is stopping; no reload", why);
            return CompletableFuture.completedFuture(ReloadResult.UNCHANGED);
        }
    }

    /** A file event: read the file once it has been quiet for {@link #QUIET}, and apply it if its config changed. */
    private synchronized void fileEvent() {
        if (pending != null) {
            pending.cancel(false);
        }
        if (!worker.isShutdown()) {
            pending = worker.schedule(() -> reloadNow("file changed", true), QUIET.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private ReloadResult reloadNow(String why, boolean onlyIfChanged) {
        try {
            List<ConfigError> errors = new ArrayList<>();
            SynackConfig next = null;
            try {
                next = ConfigLoader.load(file);
                // The mirror cannot start or stop without a restart: on_state triggers need the running one.
                errors.addAll(Synack.check(next, synack.transport().transport(), synack.mirror().isPresent()));
            } catch (ConfigException e) {
                errors.addAll(e.errors());
            }
            Object seen = errors.isEmpty() ? next : errors;
            if (onlyIfChanged && seen.equals(lastSeen)) {
                log.debug("{}: {} holds the same config as before; nothing to do", why, file);
                return ReloadResult.UNCHANGED;
            }
            lastSeen = seen;
            if (!errors.isEmpty()) {
                log.warn("{}: {} rejected, the running config keeps serving; {}", why, file,
                        new ConfigException(errors).getMessage().replace("\n", "\n    "));
                return ReloadResult.rejected(errors);
            }
            return apply(why, next);
        } catch (RuntimeException e) {
            log.warn("{}: reloading {} failed; the running config keeps serving", why, file, e);
            return ReloadResult.rejected(List.of(new ConfigError(file.toString(), e.toString(), "a config synack can apply")));
        }
    }

    private ReloadResult apply(String why, SynackConfig next) {
        Set<String> live = new HashSet<>();
        synack.registry().list().forEach(p -> live.add(p.name()));
        ReloadPlan plan = ReloadPlan.of(synack.config(), applier.fromFile(), live, next);
        for (String key : plan.needsRestart()) {
            log.warn("{}: {} changed in {}: it needs a restart; ignored", why, key, file);
        }
        ReloadResult result = applier.apply(plan);
        result.changes().forEach(c -> log.info("{}: {}", why, c));
        result.errors().forEach(e -> log.warn("{}: could not apply {}", why, e));
        if (!next.shutdown().equals(current.shutdown())) {
            log.info("{}: shutdown.drain is {} from now on", why, Units.formatDuration(next.shutdown().drain()));
        }
        if (plan.isEmpty() && plan.needsRestart().isEmpty()) {
            log.info("{}: {} reloaded; no proxy changed", why, file);
        }
        current = next;
        return new ReloadResult(false, result.changes(), plan.needsRestart(), result.errors());
    }

    /** Stops watching and waits for a reload in progress to finish. */
    @Override
    public void close() {
        if (watch != null) {
            watch.close();
        }
        synchronized (this) {
            if (pending != null) {
                pending.cancel(false);
            }
        }
        worker.shutdown();
        try {
            worker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
