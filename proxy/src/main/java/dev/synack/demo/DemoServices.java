package dev.synack.demo;

import dev.synack.config.HostPort;
import dev.synack.config.SynackConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;

/**
 * The demo's built-in upstreams: the HTTP responder (behind the http proxy, and behind the faulty one),
 * the echo service, and an address that refuses connections.
 */
final class DemoServices implements AutoCloseable {
    final HttpResponder http;
    final EchoService echo;
    final InetSocketAddress refused;

    private DemoServices(HttpResponder http, EchoService echo, InetSocketAddress refused) {
        this.http = http;
        this.echo = echo;
        this.refused = refused;
    }

    /** Starts the services where the config's upstreams point, or on any free port when {@code ephemeral}. */
    static DemoServices start(SynackConfig config, boolean ephemeral) throws IOException {
        HttpResponder http = new HttpResponder(bindAddress(config, DemoConfig.HTTP, ephemeral));
        EchoService echo = null;
        try {
            echo = new EchoService(bindAddress(config, DemoConfig.ECHO, ephemeral));
            HostPort refused = DemoConfig.proxy(config, DemoConfig.REFUSED).upstreams().get(0);
            return new DemoServices(http, echo, DemoConfig.closedPort(refused, ephemeral));
        } catch (IOException | RuntimeException e) {
            http.close();
            if (echo != null) {
                echo.close();
            }
            throw e;
        }
    }

    /** The built-in service behind a demo proxy, or null for the one whose upstream refuses. */
    LoopbackService behind(String proxy) {
        return switch (proxy) {
            case DemoConfig.HTTP, DemoConfig.FAULTY -> http;
            case DemoConfig.ECHO -> echo;
            default -> null;
        };
    }

    /** The upstream address of each demo proxy, for {@link DemoConfig#rewire}. */
    Map<String, InetSocketAddress> upstreams() {
        return Map.of(DemoConfig.HTTP, http.address(), DemoConfig.ECHO, echo.address(), DemoConfig.REFUSED, refused,
                DemoConfig.FAULTY, http.address());
    }

    private static InetSocketAddress bindAddress(SynackConfig config, String proxy, boolean ephemeral) {
        HostPort hp = DemoConfig.proxy(config, proxy).upstreams().get(0);
        return new InetSocketAddress(hp.host(), ephemeral ? 0 : hp.port());
    }

    @Override
    public void close() throws IOException {
        try {
            http.close();
        } finally {
            echo.close();
        }
    }
}
