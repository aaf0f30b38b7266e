package dev.synack.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synack.config.HostPort;
import dev.synack.config.ProxySpec;
import dev.synack.config.SynackConfig;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoConfigTest {
    private static final InetSocketAddress ANY = new InetSocketAddress("127.0.0.1", 0);

    @Test
    void theEmbeddedConfigIsACopyOfConfigDemoYaml() throws Exception {
        Path shipped = Path.of(System.getProperty("synack.repo"), "config", "demo.yaml");
        try (InputStream in = DemoConfig.class.getResourceAsStream(DemoConfig.RESOURCE)) {
            assertThat(in).as("embedded %s", DemoConfig.RESOURCE).isNotNull();
            assertThat(new String(in.readAllBytes())).isEqualTo(Files.readString(shipped));
        }
    }

    @Test
    void theEmbeddedConfigHasTheFourDemoProxiesOnFixedLoopbackPorts() throws Exception {
        SynackConfig c = DemoConfig.embedded();
        assertThat(c.proxies()).extracting(ProxySpec::name).containsExactly("http", "echo", "refused", "faulty");
        assertThat(c.proxies()).extracting(p -> p.listen().port()).containsExactly(18001, 18002, 18003, 18004);
        assertThat(c.proxies()).extracting(p -> p.upstreams().get(0).port()).containsExactly(18101, 18102, 18103, 18101);
        assertThat(DemoConfig.proxy(c, "faulty").faults()).extracting(f -> f.type()).containsExactly("latency", "reset_peer");
        assertThat(DemoConfig.proxy(c, "faulty").faults().get(1).trigger().afterBytes())
                .as("the first response passes the reset").isEqualTo(HttpResponder.RESPONSE.length());
    }

    @Test
    void rewiringPutsListenersOnPortZeroAndUpstreamsWhereTheServicesAre() throws Exception {
        SynackConfig c = DemoConfig.rewire(DemoConfig.embedded(), true,
                Map.of("http", new InetSocketAddress("127.0.0.1", 40001), "echo", new InetSocketAddress("127.0.0.1", 40002)));
        assertThat(c.proxies()).extracting(ProxySpec::listen).containsOnly(new HostPort("127.0.0.1", 0));
        assertThat(DemoConfig.proxy(c, "http").upstreams()).containsExactly(new HostPort("127.0.0.1", 40001));
        assertThat(DemoConfig.proxy(c, "echo").upstreams()).containsExactly(new HostPort("127.0.0.1", 40002));
        assertThat(DemoConfig.proxy(c, "refused").upstreams()).containsExactly(new HostPort("127.0.0.1", 18103));
        assertThat(DemoConfig.proxy(c, "echo").buffers()).isEqualTo(DemoConfig.proxy(DemoConfig.embedded(), "echo").buffers());
    }

    @Test
    void aFixedPortSomethingElseHoldsIsFoundBusy() throws Exception {
        try (ServerSocket held = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            SynackConfig base = DemoConfig.embedded();
            List<ProxySpec> proxies = new ArrayList<>();
            for (ProxySpec p : DemoConfig.rewire(base, true, Map.of("http", ANY, "echo", ANY)).proxies()) {
                HostPort listen = p.name().equals("echo") ? new HostPort("127.0.0.1", held.getLocalPort()) : p.listen();
                proxies.add(new ProxySpec(p.name(), listen, p.upstreams(), p.connect(), p.onUpstreamFailure(), p.onPeerReset(),
                        p.limits(), p.buffers(), p.downstream(), p.upstreamSocket(), p.faults()));
            }
            SynackConfig c = base.withProxies(proxies);
            assertThat(DemoConfig.busyPort(c)).contains(new HostPort("127.0.0.1", held.getLocalPort()));
        }
    }

    @Test
    void theRefusedUpstreamIsAPortNothingListensOn() throws Exception {
        InetSocketAddress closed = DemoConfig.closedPort(new HostPort("127.0.0.1", 18103), true);
        assertThat(closed.getPort()).isNotEqualTo(18103).isPositive();
        try (Socket s = new Socket()) {
            assertThatThrownBy(() -> s.connect(closed, 10_000)).isInstanceOf(ConnectException.class);
        }
    }
}
