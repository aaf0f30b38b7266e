package dev.synack.embed;

import dev.synack.admin.model.ApiException;
import dev.synack.admin.model.ProxyCreate;
import dev.synack.app.Synack;
import dev.synack.config.AdminSpec;
import dev.synack.config.ConfigException;
import dev.synack.config.MetricsSpec;
import dev.synack.config.MirrorSpec;
import dev.synack.config.ShutdownSpec;
import dev.synack.config.SynackConfig;
import dev.synack.config.TransportKind;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A synack running in this JVM, for tests and tools that want fault injection without a process:
 * <pre>
 * try (SynackServer synack = SynackServer.start()) {
 *     SynackProxy db = synack.proxy("db", "127.0.0.1:5432");   // listens on 127.0.0.1, a free port
 *     db.fault("latency", "downstream", Map.of("latency", 200));
 *     connect(db.host(), db.port());
 * }
 * </pre>
 * Proxies and faults made here are those of the registry the admin API serves (when a config turns it on),
 * with the API's semantics and checks; a mistake is an {@link IllegalArgumentException} with the API's
 * message. {@link #close()} resets what is still open and stops everything.
 */
public final class SynackServer implements AutoCloseable {
    private final Synack synack;

    private SynackServer(Synack synack) {
        this.synack = synack;
    }

    /** No proxies yet, no admin API, the mirror off, a shutdown that resets at once. */
    public static SynackServer start() {
        try {
            return start(defaults());
        } catch (ConfigException e) {
            throw new IllegalStateException("synack's in-process defaults cannot start here: " + e.getMessage(), e);
        }
    }

    /** A synack running {@code config} (its proxies bound, its admin API served unless off). */
    public static SynackServer start(SynackConfig config) throws ConfigException {
        return new SynackServer(Synack.start(config, List.of()));
    }

    /** The config {@link #start()} runs: a starting point for {@link #start(SynackConfig)} with changes. */
    public static SynackConfig defaults() {
        return new SynackConfig(new AdminSpec(null), TransportKind.AUTO, new ShutdownSpec(Duration.ZERO), List.of(), null,
                MetricsSpec.DEFAULT, MirrorSpec.DEFAULT);
    }

    /** A new proxy to {@code upstream} ({@code host:port}, resolved at each connect) on 127.0.0.1 and a free port. */
    public SynackProxy proxy(String name, String upstream) {
        return proxy(name, "127.0.0.1:0", upstream);
    }

    /** A new proxy listening on {@code listen} ({@code host:port}; port 0 for a free one). */
    public SynackProxy proxy(String name, String listen, String upstream) {
        try {
            synack.toxiproxy().create(new ProxyCreate(name, listen, upstream, true));
        } catch (ApiException e) {
            throw SynackProxy.refused(e);
        }
        return new SynackProxy(synack, name);
    }

    /** A proxy that exists (from config, the API or code). */
    public SynackProxy proxy(String name) {
        if (synack.registry().get(name).isEmpty()) {
            throw new IllegalArgumentException("no proxy named " + name);
        }
        return new SynackProxy(synack, name);
    }

    /** Every proxy enabled again and every fault removed (Toxiproxy's reset); connections stay open. */
    public void reset() {
        try {
            synack.toxiproxy().reset();
        } catch (ApiException e) {
            throw SynackProxy.refused(e);
        }
    }

    /** Removes a proxy, resetting its connections. */
    public void remove(String name) {
        try {
            synack.toxiproxy().delete(name);
        } catch (ApiException e) {
            throw SynackProxy.refused(e);
        }
    }

    /** The admin API's address, when the config serves it. */
    public Optional<InetSocketAddress> adminAddress() {
        return synack.adminAddress();
    }

    /** Everything else: the registry, the mirror, metrics. */
    public Synack synack() {
        return synack;
    }

    /** Stops listening, resets what is still open after the config's drain, and stops the threads. */
    @Override
    public void close() {
        synack.close();
    }
}
