package dev.synack.config;

import java.util.List;

/**
 * The root of a synack configuration: the admin endpoint, the transport, shutdown policy, the proxies,
 * the seed of every random decision (null: a random seed per process, logged at start), metrics, the
 * mirror engine's settings, and the access log.
 */
public record SynackConfig(AdminSpec admin, TransportKind transport, ShutdownSpec shutdown, List<ProxySpec> proxies, Long seed,
                           MetricsSpec metrics, MirrorSpec mirror, AccessLogSpec accessLog) {
    public SynackConfig {
        proxies = List.copyOf(proxies);
    }

    /** A config with no seed set (each process draws its own), default metrics, the mirror and the access log off. */
    public SynackConfig(AdminSpec admin, TransportKind transport, ShutdownSpec shutdown, List<ProxySpec> proxies) {
        this(admin, transport, shutdown, proxies, null, MetricsSpec.DEFAULT, MirrorSpec.DEFAULT);
    }

    /** A config with the access log off. */
    public SynackConfig(AdminSpec admin, TransportKind transport, ShutdownSpec shutdown, List<ProxySpec> proxies, Long seed,
                        MetricsSpec metrics, MirrorSpec mirror) {
        this(admin, transport, shutdown, proxies, seed, metrics, mirror, AccessLogSpec.DEFAULT);
    }

    /** The same config with {@code seed}. */
    public SynackConfig withSeed(Long seed) {
        return new SynackConfig(admin, transport, shutdown, proxies, seed, metrics, mirror, accessLog);
    }

    /** The same config with {@code metrics}. */
    public SynackConfig withMetrics(MetricsSpec metrics) {
        return new SynackConfig(admin, transport, shutdown, proxies, seed, metrics, mirror, accessLog);
    }

    /** The same config with {@code mirror}. */
    public SynackConfig withMirror(MirrorSpec mirror) {
        return new SynackConfig(admin, transport, shutdown, proxies, seed, metrics, mirror, accessLog);
    }

    /** The same config with {@code accessLog}. */
    public SynackConfig withAccessLog(AccessLogSpec accessLog) {
        return new SynackConfig(admin, transport, shutdown, proxies, seed, metrics, mirror, accessLog);
    }

    /** The same config with other proxies. */
    public SynackConfig withProxies(List<ProxySpec> proxies) {
        return new SynackConfig(admin, transport, shutdown, proxies, seed, metrics, mirror, accessLog);
    }

    /** The same config with another admin block. */
    public SynackConfig withAdmin(AdminSpec admin) {
        return new SynackConfig(admin, transport, shutdown, proxies, seed, metrics, mirror, accessLog);
    }
}
