package dev.synack.config;

import java.util.List;

/**
 * The root of a synack configuration: the admin endpoint, the transport, shutdown policy, the proxies,
 * and the seed of every random decision (null: a random seed per process, logged at start).
 */
public record SynackConfig(AdminSpec admin, TransportKind transport, ShutdownSpec shutdown, List<ProxySpec> proxies, Long seed) {
    public SynackConfig {
        proxies = List.copyOf(proxies);
    }

    /** A config with no seed set: each process draws its own. */
    public SynackConfig(AdminSpec admin, TransportKind transport, ShutdownSpec shutdown, List<ProxySpec> proxies) {
        this(admin, transport, shutdown, proxies, null);
    }

    /** The same config with {@code seed}. */
    public SynackConfig withSeed(Long seed) {
        return new SynackConfig(admin, transport, shutdown, proxies, seed);
    }
}
