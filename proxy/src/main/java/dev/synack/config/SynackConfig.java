package dev.synack.config;

import java.util.List;

/**
 * The root of a synack configuration: the admin endpoint, the transport, shutdown policy, the proxies,
 * the seed of every random decision (null: a random seed per process, logged at start), and the mirror
 * engine's settings.
 */
public record SynackConfig(AdminSpec admin, TransportKind transport, ShutdownSpec shutdown, List<ProxySpec> proxies, Long seed,
                           MirrorSpec mirror) {
    public SynackConfig {
        proxies = List.copyOf(proxies);
        mirror = mirror == null ? MirrorSpec.DEFAULT : mirror;
    }

    /** A config with the default mirror settings. */
    public SynackConfig(AdminSpec admin, TransportKind transport, ShutdownSpec shutdown, List<ProxySpec> proxies, Long seed) {
        this(admin, transport, shutdown, proxies, seed, MirrorSpec.DEFAULT);
    }

    /** A config with no seed set: each process draws its own. */
    public SynackConfig(AdminSpec admin, TransportKind transport, ShutdownSpec shutdown, List<ProxySpec> proxies) {
        this(admin, transport, shutdown, proxies, null);
    }

    /** The same config with {@code seed}. */
    public SynackConfig withSeed(Long seed) {
        return new SynackConfig(admin, transport, shutdown, proxies, seed, mirror);
    }

    /** The same config with {@code mirror}. */
    public SynackConfig withMirror(MirrorSpec mirror) {
        return new SynackConfig(admin, transport, shutdown, proxies, seed, mirror);
    }

    /** The same config with {@code proxies}. */
    public SynackConfig withProxies(List<ProxySpec> proxies) {
        return new SynackConfig(admin, transport, shutdown, proxies, seed, mirror);
    }
}
