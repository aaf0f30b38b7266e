package dev.synack.config;

import java.util.List;

/** The root of a synack configuration: the admin endpoint, the transport, shutdown policy and the proxies. */
public record SynackConfig(AdminSpec admin, TransportKind transport, ShutdownSpec shutdown, List<ProxySpec> proxies) {
    public SynackConfig {
        proxies = List.copyOf(proxies);
    }
}
