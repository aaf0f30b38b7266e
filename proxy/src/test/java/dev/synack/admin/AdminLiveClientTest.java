package dev.synack.admin;

import static eu.rekawek.toxiproxy.model.ToxicDirection.DOWNSTREAM;
import static eu.rekawek.toxiproxy.model.ToxicDirection.UPSTREAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synack.testkit.EchoServer;
import dev.synack.testkit.TestSocket;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.Toxic;
import eu.rekawek.toxiproxy.model.toxic.Bandwidth;
import eu.rekawek.toxiproxy.model.toxic.Latency;
import eu.rekawek.toxiproxy.model.toxic.LimitData;
import eu.rekawek.toxiproxy.model.toxic.ResetPeer;
import eu.rekawek.toxiproxy.model.toxic.Slicer;
import eu.rekawek.toxiproxy.model.toxic.SlowClose;
import eu.rekawek.toxiproxy.model.toxic.Timeout;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Toxiproxy's own Java client drives a real synack through every call it offers, as
 * {@link AdminToxiproxyClientTest} does over the fake backend — here every proxy really binds, and the
 * listener's state is checked with real connects. One model: what the client creates is the registry's.
 */
class AdminLiveClientTest {
    private LiveAdmin live;
    private ToxiproxyClient client;

    @BeforeEach
    void start() throws Exception {
        live = LiveAdmin.start();
        client = live.client();
    }

    @AfterEach
    void stop() {
        live.close();
    }

    private static int port(Proxy p) {
        String listen = p.getListen();
        return Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1));
    }

    private static boolean accepts(int port) {
        try (TestSocket s = TestSocket.connect(new InetSocketAddress("127.0.0.1", port))) {
            return true;
        } catch (ConnectException refused) {
            return false;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void createListGetToggleMoveAndDeleteAProxy() throws IOException {
        Proxy redis = client.createProxy("redis", "127.0.0.1:0", "localhost:6379");
        assertThat(redis.getListen()).as("the bound address, with the real port").matches("127\\.0\\.0\\.1:[1-9]\\d*");
        assertThat(redis.getUpstream()).isEqualTo("localhost:6379");
        assertThat(redis.isEnabled()).isTrue();
        int port = port(redis);
        assertThat(accepts(port)).isTrue();
        assertThat(live.synack.registry().get("redis")).as("the API's proxy is the registry's").isPresent();
        client.createProxy("memcached", "localhost:0", "localhost:11211");
        assertThat(client.getProxies()).extracting(Proxy::getName).containsExactly("memcached", "redis");
        assertThat(client.getProxy("memcached").getListen()).startsWith("127.0.0.1:");

        redis.disable();
        assertThat(client.getProxy("redis").isEnabled()).isFalse();
        assertThat(client.getProxy("redis").getListen()).as("a stopped proxy keeps its address").isEqualTo("127.0.0.1:" + port);
        assertThat(accepts(port)).as("disabled: the listener is closed").isFalse();
        redis.enable();
        assertThat(client.getProxy("redis").isEnabled()).isTrue();
        assertThat(accepts(port)).as("enabled again on the same port").isTrue();

        redis.setUpstream("localhost:6380");
        assertThat(client.getProxy("redis").getUpstream()).isEqualTo("localhost:6380");
        assertThat(port(client.getProxy("redis"))).as("a new upstream restarts the proxy where it was").isEqualTo(port);
        assertThat(live.synack.registry().get("redis").orElseThrow().spec().upstreams().get(0).host()).isEqualTo("localhost");

        redis.setListen("127.0.0.1:0");
        assertThat(port(client.getProxy("redis"))).as("127.0.0.1:0 is where it was configured: no move").isEqualTo(port);
        redis.setListen("localhost:" + port);
        assertThat(port(client.getProxy("redis"))).as("localhost:P is 127.0.0.1:P, resolved").isEqualTo(port);

        redis.delete();
        assertThat(client.getProxyOrNull("redis")).isNull();
        assertThat(accepts(port)).isFalse();
        assertThat(client.getProxies()).extracting(Proxy::getName).containsExactly("memcached");
    }

    @Test
    void everyToxicTypeIsAddedReadUpdatedAndRemoved() throws IOException {
        Proxy p = client.createProxy("db", "127.0.0.1:0", "localhost:5432");

        Latency latency = p.toxics().latency("lag", DOWNSTREAM, 1100).setJitter(100);
        assertThat(latency.getLatency()).isEqualTo(1100);
        assertThat(latency.getJitter()).isEqualTo(100);
        Bandwidth cutDown = p.toxics().bandwidth("CUT_CONNECTION_DOWNSTREAM", DOWNSTREAM, 0);
        Bandwidth cutUp = p.toxics().bandwidth("CUT_CONNECTION_UPSTREAM", UPSTREAM, 0);
        SlowClose slowClose = p.toxics().slowClose("slow", UPSTREAM, 200).setDelay(300);
        Timeout timeout = p.toxics().timeout("stall", DOWNSTREAM, 5000).setTimeout(6000);
        ResetPeer reset = p.toxics().resetPeer("rst", UPSTREAM, 10).setTimeout(20);
        Slicer slicer = p.toxics().slicer("slices", DOWNSTREAM, 64, 10).setSizeVariation(8).setAverageSize(128).setDelay(20);
        LimitData limit = p.toxics().limitData("limit", UPSTREAM, 1024).setBytes(2048);
        slicer.setToxicity(0.5f);

        List<? extends Toxic> all = p.toxics().getAll();
        assertThat(all).extracting(Toxic::getName).containsExactly(
                "CUT_CONNECTION_UPSTREAM", "slow", "rst", "limit", "lag", "CUT_CONNECTION_DOWNSTREAM", "stall", "slices");
        assertThat(p.toxics().get("lag", Latency.class).getJitter()).isEqualTo(100);
        assertThat(p.toxics().get("CUT_CONNECTION_DOWNSTREAM", Bandwidth.class).getRate()).isZero();
        assertThat(p.toxics().get("slow", SlowClose.class).getDelay()).isEqualTo(300);
        assertThat(p.toxics().get("stall", Timeout.class).getTimeout()).isEqualTo(6000);
        assertThat(p.toxics().get("rst", ResetPeer.class).getTimeout()).isEqualTo(20);
        Slicer readSlicer = p.toxics().get("slices", Slicer.class);
        assertThat(List.of(readSlicer.getAverageSize(), readSlicer.getSizeVariation(), readSlicer.getDelay())).containsExactly(128L, 8L, 20L);
        assertThat(readSlicer.getToxicity()).isEqualTo(0.5f);
        assertThat(p.toxics().get("limit", LimitData.class).getBytes()).isEqualTo(2048);

        assertThat(live.synack.registry().get("db").orElseThrow().faults()).as("toxics are the proxy's faults")
                .extracting(f -> f.name() + ":" + f.type().name()).contains("lag:latency", "limit:limit_data", "slices:slicer");
        assertThat(live.synack.registry().get("db").orElseThrow().faults().stream().filter(f -> f.name().equals("slices"))
                .findFirst().orElseThrow().toxicity()).isEqualTo(0.5);

        for (Toxic t : List.of(latency, cutDown, cutUp, slowClose, timeout, reset, slicer, limit)) {
            t.remove();
        }
        assertThat(p.toxics().getAll()).isEmpty();
        assertThat(live.synack.registry().get("db").orElseThrow().faults()).isEmpty();
    }

    @Test
    void resetEnablesEveryProxyAndRemovesEveryToxic() throws IOException {
        Proxy p = client.createProxy("web", "127.0.0.1:0", "localhost:8080");
        int port = port(p);
        p.toxics().latency("lag", DOWNSTREAM, 100);
        p.disable();
        client.reset();
        assertThat(p.isEnabled()).as("the client re-reads its proxies after a reset").isTrue();
        assertThat(p.toxics().getAll()).isEmpty();
        assertThat(accepts(port)).as("re-enabled on the port it had").isTrue();
    }

    @Test
    void versionIsSynacksInToxiproxysShape() throws IOException {
        assertThat(client.version()).matches("\\{\"version\": \"[^\"]+\"}");
    }

    @Test
    void notFoundAndConflictAreIoExceptionsWithTheStatusAndMessage() throws IOException {
        Proxy p = client.createProxy("web", "127.0.0.1:0", "localhost:8080");
        p.toxics().latency("lag", DOWNSTREAM, 100);
        assertThatThrownBy(() -> client.createProxy("web", "127.0.0.1:0", "localhost:8080"))
                .isInstanceOf(IOException.class).hasMessageContaining("409").hasMessageContaining("proxy already exists");
        assertThatThrownBy(() -> client.createProxy("other", p.getListen(), "localhost:8080"))
                .isInstanceOf(IOException.class).hasMessage("[500] listen tcp " + p.getListen() + ": bind: address already in use");
        assertThatThrownBy(() -> client.getProxy("nope"))
                .isInstanceOf(IOException.class).hasMessageContaining("404").hasMessageContaining("proxy not found");
        assertThatThrownBy(() -> p.toxics().latency("lag", UPSTREAM, 5))
                .isInstanceOf(IOException.class).hasMessageContaining("409").hasMessageContaining("toxic already exists");
        assertThatThrownBy(() -> p.toxics().get("nope"))
                .isInstanceOf(IOException.class).hasMessageContaining("404").hasMessageContaining("toxic not found");
        assertThatThrownBy(() -> p.toxics().latency("negative", UPSTREAM, -5))
                .isInstanceOf(IOException.class).hasMessageContaining("400").hasMessageContaining("invalid attribute: attributes.latency: -5");
        assertThat(client.getProxyOrNull("nope")).isNull();
        assertThat(client.getProxyOrNull("other")).as("a proxy that cannot bind is not created").isNull();
        p.delete();
        assertThatThrownBy(p::delete).as("the client reads a DELETE's 404 as FileNotFoundException").isInstanceOf(IOException.class);
    }

    @Test
    void aProxyFromConfigIsTheApisToo() throws Exception {
        try (EchoServer echo = EchoServer.start()) {
            live.close();
            live = LiveAdmin.start(c -> c.withProxies(List.of(dev.synack.config.ProxySpec.of("cfg",
                    new dev.synack.config.HostPort("127.0.0.1", 0), echo.hostPort()))));
            client = live.client();
            Proxy cfg = client.getProxy("cfg");
            assertThat(cfg.getListen()).isEqualTo("127.0.0.1:" + live.synack.address("cfg").getPort());
            assertThat(cfg.getUpstream()).isEqualTo(echo.hostPort().toString());
            cfg.toxics().latency("lag", DOWNSTREAM, 0);
            assertThat(live.synack.effectiveConfig().proxies().get(0).faults()).extracting(f -> f.name()).containsExactly("lag");
            try (TestSocket s = TestSocket.connect(live.synack.address("cfg"))) {
                assertThat(s.roundTrip("ping")).isEqualTo("ping");
            }
        }
    }
}
