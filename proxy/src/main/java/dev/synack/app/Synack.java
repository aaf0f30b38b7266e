package dev.synack.app;

import dev.synack.admin.AdminServer;
import dev.synack.admin.SynackSources;
import dev.synack.admin.backend.RegistryBackend;
import dev.synack.admin.model.ToxiproxyBackend;
import dev.synack.config.ConfigError;
import dev.synack.config.ConfigException;
import dev.synack.config.ProxySpec;
import dev.synack.config.MirrorSpec;
import dev.synack.config.SocketOption;
import dev.synack.config.SynackConfig;
import dev.synack.fault.FaultConfigCheck;
import dev.synack.fault.builtin.NftBlackhole;
import dev.synack.mirror.MirrorEngine;
import dev.synack.mirror.MirrorOptions;
import dev.synack.net.Transport;
import dev.synack.net.TransportChoice;
import dev.synack.observe.AccessLogObserver;
import dev.synack.observe.ConnectionObserver;
import dev.synack.observe.MetricsObserver;
import dev.synack.observe.Observers;
import dev.synack.observe.OptionReading;
import dev.synack.proxy.HostResolver;
import dev.synack.proxy.ProxyRegistry;
import dev.synack.proxy.ProxyServer;
import dev.synack.proxy.RegistryException;
import dev.synack.time.Clock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running synack: every proxy of a config bound and serving, and the admin API on {@code admin.listen}
 * (unless off), until {@link #shutdown(Duration)}.
 */
public final class Synack implements AutoCloseable {
    /** Work done once the proxies are bound and before the admin API listens (Toxiproxy's {@code -config}). */
    @FunctionalInterface
    public interface Prelude {
        void run(Synack synack) throws ConfigException;
    }

    private static final Logger log = LoggerFactory.getLogger(Synack.class);

    private final SynackConfig config;
    private final TransportChoice transport;
    private final EventLoopGroup workers;
    private final long seed;
    private final PrometheusMeterRegistry metrics;
    private AutoCloseable runtimeMetrics = () -> { };
    private AutoCloseable accessLog = () -> { };
    private ProxyRegistry registry;
    private RegistryBackend toxiproxy;
    /** The admin API when {@code admin.listen} is not off. */
    private AdminServer admin;
    /** The mirror engine when {@code mirror.enabled}; null otherwise (then it costs nothing at all). */
    private MirrorEngine mirror;
    private boolean stopped;

    private Synack(SynackConfig config, TransportChoice transport, long seed) {
        this.config = config;
        this.transport = transport;
        this.seed = seed;
        this.metrics = config.metrics().enabled() ? new PrometheusMeterRegistry(PrometheusConfig.DEFAULT) : null;
        // One thread per core, each running listeners and sessions alike: a separate accept thread would
        // cost a context switch per connection on a machine with few cores.
        this.workers = transport.transport().newGroup(Runtime.getRuntime().availableProcessors());
    }

    /**
     * Checks the config's faults against the fault registry and the config against the chosen transport
     * (socket options; faults that need a native transport or privileges; on_state triggers that need the
     * mirror), then binds every proxy. On a config error nothing is bound. Blocks until every listener is
     * bound; a listener that cannot bind (address in use) is reported as an error of its {@code listen}
     * field and nothing stays bound.
     */
    public static Synack start(SynackConfig config, List<ConnectionObserver> observers) throws ConfigException {
        return start(config, observers, HostResolver.system());
    }

    /** As {@link #start(SynackConfig, List)}, with upstream host names resolved by {@code resolver}. */
    public static Synack start(SynackConfig config, List<ConnectionObserver> observers, HostResolver resolver)
            throws ConfigException {
        return start(config, observers, resolver, s -> { });
    }

    /**
     * As {@link #start(SynackConfig, List, HostResolver)}, running {@code prelude} after the proxies bind and
     * before the admin API listens; when it throws, everything stops and its error is the start's.
     */
    public static Synack start(SynackConfig config, List<ConnectionObserver> observers, HostResolver resolver,
            Prelude prelude) throws ConfigException {
        TransportChoice choice;
        try {
            choice = TransportChoice.choose(config.transport());
        } catch (IllegalStateException e) {
            // Fault types and attributes too, so a config with a transport this machine lacks reports them.
            List<ConfigError> errors = new ArrayList<>(FaultConfigCheck.check(config));
            errors.add(new ConfigError("transport", '"' + config.transport().configName() + '"',
                    "a transport available here (" + e.getMessage() + ")"));
            throw new ConfigException(errors);
        }
        List<ConfigError> errors = check(config, choice.transport());
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        AdminWiring.check(config.admin());
        AutoCloseable accessLog = config.accessLog().enabled() ? AccessLogAppender.attach(config.accessLog()) : () -> { };
        removeLeftoverBlackholes(config);
        log.info("transport {} ({})", choice.transport().configName(), choice.reason());
        long seed = config.seed() != null ? config.seed() : new SecureRandom().nextLong();
        log.info("seed {} ({})", seed, config.seed() != null ? "from config"
                : "drawn for this run; put seed: " + seed + " in the config to replay its random decisions");
        Synack synack = new Synack(config, choice, seed);
        synack.accessLog = accessLog;
        synack.bindAll(new Observers(synack.withOwn(observers)), resolver);
        try {
            prelude.run(synack);
        } catch (ConfigException | RuntimeException e) {
            synack.shutdown(Duration.ZERO);
            throw e;
        }
        synack.startAdmin();
        return synack;
    }

    /**
     * What a loaded config must pass to run on {@code transport}, beyond what loading checks: its faults'
     * types and attributes, its socket options, what its faults need of the machine, and the mirror its
     * on_state triggers need. Start and reload both ask.
     */
    static List<ConfigError> check(SynackConfig config, Transport transport) {
        return check(config, transport, config.mirror().enabled());
    }

    /** As {@link #check(SynackConfig, Transport)}, in a process whose mirror is {@code mirrorOn}, whatever the config says. */
    static List<ConfigError> check(SynackConfig config, Transport transport, boolean mirrorOn) {
        List<ConfigError> errors = new ArrayList<>(FaultConfigCheck.check(config));
        errors.addAll(FaultConfigCheck.unfollowedStates(config, mirrorOn));
        errors.addAll(SocketOption.check(config, transport.kind()));
        errors.addAll(FaultConfigCheck.unavailable(config, transport.isNative()));
        return errors;
    }

    /**
     * A crashed synack leaves its blackhole rules behind, and one could drop a new connection that reuses
     * an old 4-tuple: a config with blackhole faults starts with synack's nftables table removed.
     */
    private static void removeLeftoverBlackholes(SynackConfig config) {
        boolean blackholes = config.proxies().stream().flatMap(p -> p.faults().stream()).anyMatch(f -> "blackhole".equals(f.type()));
        if (blackholes) {
            awaitNft(NftBlackhole.shared().removeTable(), "removing the blackhole rules a previous run left");
        }
    }

    private static void awaitNft(CompletableFuture<Void> f, String what) {
        try {
            f.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            log.warn("{} failed: {}", what, e.getCause() != null ? e.getCause().getMessage() : e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The caller's observers, then synack's own: the connection log and, when on, the metrics, the mirror and the access log. */
    private List<ConnectionObserver> withOwn(List<ConnectionObserver> observers) {
        List<ConnectionObserver> all = new ArrayList<>(observers);
        all.add(new LogObserver());
        if (config.mirror().enabled()) {
            mirror = mirrorEngine(config.mirror(), transport.transport());
        }
        if (metrics != null) {
            runtimeMetrics = RuntimeMetrics.bind(metrics, workers);
            all.add(new MetricsObserver(metrics, config.metrics().toxiproxy(), config.metrics().tcpInfoEvery(),
                    mirror == null ? null : mirror.queries().counts()));
        }
        if (mirror != null) {
            all.add(mirror);
        }
        if (config.accessLog().enabled()) {
            all.add(new AccessLogObserver());
        }
        return all;
    }

    private static MirrorEngine mirrorEngine(MirrorSpec spec, Transport transport) {
        MirrorOptions options = new MirrorOptions(spec.kernelPoll(), spec.keepClosed(), spec.maxTracked(), spec.divergenceGrace(),
                spec.handshakeReads());
        log.info("mirror engine on: kernel poll {} ms, divergence grace {} ms, tracking up to {} ended connections",
                spec.kernelPoll().toMillis(), spec.divergenceGrace().toMillis(), spec.maxTracked());
        return new MirrorEngine(new SystemKernelProbe(transport), options).start();
    }

    /** The mirror engine, when {@code mirror.enabled}: its queries are what the admin routes serve. */
    public Optional<MirrorEngine> mirror() {
        return Optional.ofNullable(mirror);
    }

    /** Every metric in Prometheus's text format, or empty when metrics are off. */
    public Optional<String> scrape() {
        return metrics == null ? Optional.empty() : Optional.of(metrics.scrape());
    }

    private void bindAll(ConnectionObserver observer, HostResolver resolver) throws ConfigException {
        // The mirror, when on, is what on_state fault triggers wait on; without it the registry refuses them.
        registry = new ProxyRegistry(transport.transport(), workers, observer, Clock.SYSTEM, seed, resolver, mirror);
        toxiproxy = new RegistryBackend(registry, transport.transport().isNative());
        List<ConfigError> errors = new ArrayList<>();
        List<ProxySpec> specs = config.proxies();
        for (int i = 0; i < specs.size(); i++) {
            try {
                registry.add(specs.get(i), true);
            } catch (RegistryException e) {
                String prefix = "proxies[" + i + "].";
                e.errors().forEach(err -> errors.add(new ConfigError(prefix + err.path(), err.found(), err.expected())));
            }
        }
        if (!errors.isEmpty()) {
            shutdown(Duration.ZERO);
            throw new ConfigException(errors);
        }
    }

    /**
     * After the proxies bind, the admin API on {@code admin.listen} (unless off): Toxiproxy's routes over
     * the registry, synack's own, and {@code /metrics} when metrics are kept. A bind failure stops
     * everything and is an error of {@code admin.listen}.
     */
    private void startAdmin() throws ConfigException {
        if (!config.admin().enabled()) {
            return;
        }
        SynackSources sources = new SynackSources(registry, mirror == null ? null : mirror.queries(), this::effectiveConfig,
                () -> DoctorJson.of(effectiveConfig(), transport.transport(), registry), transport.transport().configName(),
                metrics != null);
        try {
            admin = AdminWiring.start(config.admin(), toxiproxy, sources, metrics == null ? null : metrics::scrape);
        } catch (ConfigException e) {
            shutdown(Duration.ZERO);
            throw e;
        }
    }

    /** The admin API's address, when it is served. */
    public Optional<InetSocketAddress> adminAddress() {
        return Optional.ofNullable(admin).map(AdminServer::address);
    }

    /**
     * Toxiproxy's model of this synack — proxies and toxics, read and changed — over the same registry the
     * admin API serves: code that drives synack in-process gets the API's semantics without HTTP.
     */
    public ToxiproxyBackend toxiproxy() {
        return toxiproxy;
    }

    /** The config running now: the proxies and faults the API and code changed included, and this run's seed. */
    public SynackConfig effectiveConfig() {
        return EffectiveConfig.of(config, seed, registry);
    }

    public TransportChoice transport() {
        return transport;
    }

    /** The config synack started with. */
    public SynackConfig config() {
        return config;
    }

    /** The live set of proxies: add, change, disable and remove them while synack runs. */
    public ProxyRegistry registry() {
        return registry;
    }

    /** The seed of this run's random decisions: the config's, or the one drawn at start. */
    public long seed() {
        return seed;
    }

    /** The address a proxy is bound to (with the real port when config said port 0). */
    public InetSocketAddress address(String proxy) {
        return proxy(proxy).address();
    }

    /** Effective options of a proxy's listener socket. */
    public List<OptionReading> listenerOptions(String proxy) {
        return proxy(proxy).listenerOptions();
    }

    /** Sessions of a proxy that have not ended yet. */
    public int activeSessions(String proxy) {
        return proxy(proxy).activeSessions();
    }

    /**
     * The most bytes any one direction of any session of this proxy has held in user space so far: read
     * from one socket and not yet written to the other. While a direction is open this stays within
     * {@code high_watermark + read_size}; see {@link #peakDrainedAtFin(String)} for the one exception.
     */
    public long peakBufferedBytes(String proxy) {
        return proxy(proxy).peakBufferedBytes();
    }

    /**
     * The most bytes of one direction of one session that the transport read without synack asking:
     * epoll and io_uring read a socket to its EOF as soon as its FIN arrives, whatever the reader's
     * backpressure, so what the kernel still held for that socket (at most its receive buffer) moves into
     * user space at once. Zero on NIO, which reads only when asked.
     */
    public long peakDrainedAtFin(String proxy) {
        return proxy(proxy).peakDrainedAtFin();
    }

    /** Stops accepting, lets sessions end on their own until {@code drain} passes, resets the rest, frees the loops. */
    public synchronized void shutdown(Duration drain) {
        if (stopped) {
            return;
        }
        stopped = true;
        if (admin != null) {
            // First, so that no API call changes a proxy while the proxies drain.
            admin.close();
        }
        if (registry != null) {
            registry.shutdown(drain);
        }
        if (NftBlackhole.shared().used()) {
            awaitNft(NftBlackhole.shared().removeTable(), "removing the blackhole rules");
        }
        if (mirror != null) {
            mirror.close();
        }
        // Bounded: the io_uring incubator's loop can wait forever in its cleanup for a completion that
        // never comes; its threads are daemons, so giving up here cannot keep the JVM alive.
        if (!workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS)) {
            log.warn("{} event loops did not stop within 5s; leaving them", transport.transport().configName());
        }
        close(runtimeMetrics, "the runtime metrics");
        // after the sessions: their last lines are in the queue, which closing flushes
        close(accessLog, "the access log");
    }

    private static void close(AutoCloseable c, String what) {
        try {
            c.close();
        } catch (Exception e) {
            log.debug("stopping {}: {}", what, e.toString());
        }
    }

    /** Ends a drain in progress now: what is still open is reset at once (from any thread, e.g. a signal handler). */
    public void hurry() {
        ProxyRegistry r = registry;
        if (r != null) {
            r.hurry();
        }
    }

    /** {@link #shutdown(Duration)} with the config's drain deadline. */
    @Override
    public void close() {
        shutdown(config.shutdown().drain());
    }

    private ProxyServer proxy(String name) {
        return registry.get(name).orElseThrow(() -> new IllegalArgumentException(
                "no proxy named " + name + "; proxies: " + registry.list().stream().map(ProxyServer::name).toList()));
    }
}
