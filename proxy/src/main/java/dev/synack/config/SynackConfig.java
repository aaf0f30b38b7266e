package dev.synack.config;

import java.util.List;

/**
 * The root of a synack configuration: the admin endpoint, the transport, shutdown policy, the proxies,
 * the seed of every random decision (null: a random seed per process, logged at start) and metrics.
 */
public record SynackConfig(AdminSpec admin, TransportKind transport, ShutdownSpec shutdown, List<ProxySpec> proxies, Long seed,
                           MetricsSpec metrics) {
    public SynackConfig {
        proxies = List.copyOf(proxies);
    }

    /** A config with no seed set (each process draws its own) and default metrics. */
    public SynackConfig(AdminSpec admin, TransportKind transport, ShutdownSpec shutdown, List<ProxySpec> proxies) {
        this(admin, transport, shutdown, proxies, null, MetricsSpec.DEFAULT);
    }

    /** The same config with {@code seed}. */
    public SynackConfig withSeed(Long seed) {
        return new SynackConfig(admin, transport, shutdown, proxies, seed, metrics);
    }

    /** The same config with {@code metrics}. */
    public SynackConfig withMetrics(MetricsSpec metrics) {
        return new SynackConfig(admin, transport, shutdown, proxies, seed, metrics);
    }

    /** The same config with other proxies. */
    public SynackConfig withProxies(List<ProxySpec> proxies) {
        return new SynackConfig(admin, transport, shutdown, proxies, seed, metrics);
    }
}
