package dev.synack.demo;

import dev.synack.config.ConfigException;
import dev.synack.config.ConfigLoader;
import dev.synack.config.HostPort;
import dev.synack.config.ProxySpec;
import dev.synack.config.SynackConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The embedded demo config ({@code demo.yaml}, a copy of {@code config/demo.yaml}) and the two ways the
 * demo adapts it: checking whether its fixed ports are free, and rewiring it to the addresses the
 * built-in services really got (all on port 0 with {@code --ephemeral}).
 */
final class DemoConfig {
    static final String RESOURCE = "/demo.yaml";
    static final String HTTP = "http";
    static final String ECHO = "echo";
    static final String REFUSED = "refused";
    static final String FAULTY = "faulty";

    private DemoConfig() {}

    /** The demo config as shipped inside the jar. */
    static SynackConfig embedded() throws ConfigException {
        return ConfigLoader.parseResource(RESOURCE);
    }

    static ProxySpec proxy(SynackConfig config, String name) {
        return config.proxies().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the demo config has no proxy named " + name));
    }

    /** The first fixed port of the config that something else already holds: a listener or a built-in service. */
    static Optional<HostPort> busyPort(SynackConfig config) {
        List<HostPort> wanted = new ArrayList<>();
        config.proxies().forEach(p -> wanted.add(p.listen()));
        wanted.add(proxy(config, HTTP).upstreams().get(0));
        wanted.add(proxy(config, ECHO).upstreams().get(0));
        return wanted.stream().filter(hp -> !canBind(hp)).findFirst();
    }

    /** An address nothing listens on: the configured one if it is free, else a port just bound and released. */
    static InetSocketAddress closedPort(HostPort preferred, boolean ephemeral) throws IOException {
        if (!ephemeral && canBind(preferred)) {
            return new InetSocketAddress(preferred.host(), preferred.port());
        }
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName(preferred.host()))) {
            return (InetSocketAddress) s.getLocalSocketAddress();
        }
    }

    /**
     * The config with each proxy's upstream replaced by the address its built-in service got and, when
     * {@code ephemeral}, every listener on port 0.
     */
    static SynackConfig rewire(SynackConfig config, boolean ephemeral, Map<String, InetSocketAddress> upstreamOf) {
        List<ProxySpec> proxies = new ArrayList<>();
        for (ProxySpec p : config.proxies()) {
            HostPort listen = ephemeral ? new HostPort(p.listen().host(), 0) : p.listen();
            InetSocketAddress up = upstreamOf.get(p.name());
            List<HostPort> upstreams = up == null ? p.upstreams()
                    : List.of(new HostPort(up.getAddress().getHostAddress(), up.getPort()));
            proxies.add(new ProxySpec(p.name(), listen, upstreams, p.connect(), p.onUpstreamFailure(), p.onPeerReset(),
                    p.limits(), p.buffers(), p.downstream(), p.upstreamSocket(), p.faults()));
        }
        return config.withProxies(proxies);
    }

    private static boolean canBind(HostPort hp) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(hp.host(), hp.port()));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
