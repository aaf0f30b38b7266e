package dev.synack.admin;

import static eu.rekawek.toxiproxy.model.ToxicDirection.DOWNSTREAM;
import static eu.rekawek.toxiproxy.model.ToxicDirection.UPSTREAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Toxiproxy's own Java client ({@code eu.rekawek.toxiproxy:toxiproxy-java}, the one Testcontainers uses)
 * drives the admin API through every call it offers. Over the fake backend this proves the wire contract;
 * the same calls against the real backend prove the effects.
 */
class AdminToxiproxyClientTest {
    private AdminFixture admin;
    private ToxiproxyClient client;

    @BeforeEach
    void start() throws IOException {
        admin = new AdminFixture();
        client = new ToxiproxyClient("127.0.0.1", admin.address().getPort());
    }

    @AfterEach
    void stop() {
        admin.close();
    }

    @Test
    void createListGetToggleMoveAndDeleteAProxy() throws IOException {
        Proxy redis = client.createProxy("redis", "127.0.0.1:0", "localhost:6379");
        assertThat(redis.getName()).isEqualTo("redis");
        assertThat(redis.getListen()).isEqualTo("127.0.0.1:20000");
        assertThat(redis.getUpstream()).isEqualTo("localhost:6379");
        assertThat(redis.isEnabled()).isTrue();
        client.createProxy("memcached", "localhost:0", "localhost:11211");

        assertThat(client.getProxies()).extracting(Proxy::getName).containsExactly("memcached", "redis");
        assertThat(client.getProxy("memcached").getListen()).isEqualTo("127.0.0.1:20001");

        redis.disable();
        assertThat(redis.isEnabled()).isFalse();
        assertThat(client.getProxy("redis").isEnabled()).isFalse();
        redis.enable();
        assertThat(client.getProxy("redis").isEnabled()).isTrue();

        redis.setUpstream("localhost:6380");
        assertThat(redis.getUpstream()).isEqualTo("localhost:6380");
        redis.setListen("127.0.0.1:26379");
        assertThat(client.getProxy("redis").getListen()).isEqualTo("127.0.0.1:26379");

        redis.delete();
        assertThat(client.getProxyOrNull("redis")).isNull();
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
        assertThat(all).extracting(Toxic::getStream).containsExactly(
                UPSTREAM, UPSTREAM, UPSTREAM, UPSTREAM, DOWNSTREAM, DOWNSTREAM, DOWNSTREAM, DOWNSTREAM);

        assertThat(p.toxics().get("lag", Latency.class).getJitter()).isEqualTo(100);
        assertThat(p.toxics().get("CUT_CONNECTION_DOWNSTREAM", Bandwidth.class).getRate()).isZero();
        assertThat(p.toxics().get("slow", SlowClose.class).getDelay()).isEqualTo(300);
        assertThat(p.toxics().get("stall", Timeout.class).getTimeout()).isEqualTo(6000);
        assertThat(p.toxics().get("rst", ResetPeer.class).getTimeout()).isEqualTo(20);
        Slicer readSlicer = p.toxics().get("slices", Slicer.class);
        assertThat(List.of(readSlicer.getAverageSize(), readSlicer.getSizeVariation(), readSlicer.getDelay())).containsExactly(128L, 8L, 20L);
        assertThat(readSlicer.getToxicity()).isEqualTo(0.5f);
        assertThat(p.toxics().get("limit", LimitData.class).getBytes()).isEqualTo(2048);
        assertThat(p.toxics().get("lag").getToxicity()).isEqualTo(1.0f);

        for (Toxic t : List.of(latency, cutDown, cutUp, slowClose, timeout, reset, slicer, limit)) {
            t.remove();
        }
        assertThat(p.toxics().getAll()).isEmpty();
    }

    @Test
    void resetEnablesEveryProxyAndRemovesEveryToxic() throws IOException {
        Proxy p = client.createProxy("web", "127.0.0.1:0", "localhost:8080");
        p.toxics().latency("lag", DOWNSTREAM, 100);
        p.disable();
        client.reset();
        assertThat(p.isEnabled()).as("the client re-reads its proxies after a reset").isTrue();
        assertThat(p.toxics().getAll()).isEmpty();
    }

    @Test
    void versionIsTheTrimmedBody() throws IOException {
        assertThat(client.version()).isEqualTo("{\"version\": \"" + AdminFixture.VERSION + "\"}");
    }

    @Test
    void notFoundAndConflictAreIoExceptionsWithTheStatusAndMessage() throws IOException {
        Proxy p = client.createProxy("web", "127.0.0.1:0", "localhost:8080");
        p.toxics().latency("lag", DOWNSTREAM, 100);
        assertThatThrownBy(() -> client.createProxy("web", "127.0.0.1:0", "localhost:8080"))
                .isInstanceOf(IOException.class).hasMessageContaining("409").hasMessageContaining("proxy already exists");
        assertThatThrownBy(() -> client.getProxy("nope"))
                .isInstanceOf(IOException.class).hasMessageContaining("404").hasMessageContaining("proxy not found");
        assertThatThrownBy(() -> p.toxics().latency("lag", UPSTREAM, 5))
                .isInstanceOf(IOException.class).hasMessageContaining("409").hasMessageContaining("toxic already exists");
        assertThatThrownBy(() -> p.toxics().get("nope"))
                .isInstanceOf(IOException.class).hasMessageContaining("404").hasMessageContaining("toxic not found");
        assertThat(client.getProxyOrNull("nope")).isNull();
        p.delete();
        assertThatThrownBy(p::delete).isInstanceOf(IOException.class);
    }
}
