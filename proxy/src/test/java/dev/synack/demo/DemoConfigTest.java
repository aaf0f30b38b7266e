package dev.synack.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.config.HostPort;
import dev.synack.config.ProxySpec;
import dev.synack.config.SynackConfig;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoConfigTest {
    @Test
    void theEmbeddedConfigIsACopyOfConfigDemoYaml() throws Exception {
        Path shipped = Path.of(System.getProperty("synack.repo"), "config", "demo.yaml");
        try (InputStream in = DemoConfig.class.getResourceAsStream(DemoConfig.RESOURCE)) {
            assertThat(in).as("embedded %s", DemoConfig.RESOURCE).isNotNull();
            assertThat(new String(in.readAllBytes())).isEqualTo(Files.readString(shipped));
        }
    }

    @Test
    void theEmbeddedConfigHasTheThreeDemoProxiesOnFixedLoopbackPorts() throws Exception {
        SynackConfig c = DemoConfig.embedded();
        assertThat(c.proxies()).extracting(ProxySpec::name).containsExactly("http", "echo", "refused");
        assertThat(c.proxies()).extracting(p -> p.listen().port()).containsExactly(18001, 18002, 18003);
        assertThat(c.proxies()).extracting(p -> p.upstreams().get(0).port()).containsExactly(18101, 18102, 18103);
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
}
