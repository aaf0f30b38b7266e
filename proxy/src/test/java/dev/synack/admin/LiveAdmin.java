package dev.synack.admin;

import dev.synack.app.Synack;
import dev.synack.config.AdminSpec;
import dev.synack.config.ConfigException;
import dev.synack.config.HostPort;
import dev.synack.config.MetricsSpec;
import dev.synack.config.MirrorSpec;
import dev.synack.config.ShutdownSpec;
import dev.synack.config.SynackConfig;
import dev.synack.config.TransportKind;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A real synack started as {@code toxiproxy-server} starts — no proxies, the admin API on 127.0.0.1 and a
 * free port — for tests that drive it over HTTP and watch the effects on real connections.
 */
public final class LiveAdmin implements AutoCloseable {
    public final Synack synack;

    private LiveAdmin(Synack synack) {
        this.synack = synack;
    }

    public static LiveAdmin start() throws ConfigException {
        return start(c -> c);
    }

    public static LiveAdmin start(UnaryOperator<SynackConfig> tune) throws ConfigException {
        SynackConfig config = new SynackConfig(new AdminSpec(new HostPort("127.0.0.1", 0)), TransportKind.AUTO,
                new ShutdownSpec(Duration.ofSeconds(1)), List.of(), 7L, MetricsSpec.DEFAULT, MirrorSpec.DEFAULT);
        return new LiveAdmin(Synack.start(tune.apply(config), List.of()));
    }

    public InetSocketAddress address() {
        return synack.adminAddress().orElseThrow();
    }

    public ToxiproxyClient client() {
        return new ToxiproxyClient("127.0.0.1", address().getPort());
    }

    RawHttp.Response call(String method, String path, String body, String... headers) throws IOException {
        return RawHttp.send(address(), method, path, body, headers);
    }

    @Override
    public void close() {
        synack.close();
    }
}
