package dev.synack.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.synack.config.AdminSpec;
import dev.synack.config.ConfigLoader;
import dev.synack.config.HostPort;
import dev.synack.config.MetricsSpec;
import dev.synack.config.MirrorSpec;
import dev.synack.config.ProxySpec;
import dev.synack.config.SynackConfig;
import dev.synack.testkit.EchoServer;
import dev.synack.testkit.Ending;
import dev.synack.testkit.TestSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * synack's own routes on a real synack, key by key: the mirror's connection shapes (the contract of the
 * mirror's issue) with the mirror on, the same shape from the registry with the mirror off, a connection
 * reset through the API, a proxy's socket options, the doctor, the effective config (which loads again, its
 * token redacted), health, and {@code /metrics} only when metrics are kept.
 */
class AdminSynackRoutesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> CONN = List.of("id", "proxy", "open", "close_reason", "client", "upstream", "age_ms",
            "bytes", "sockets", "divergences");
    private static final List<String> SOCK = List.of("local", "remote", "fd_open", "mirror_state", "kernel_state", "agree",
            "tcp_info");

    private EchoServer echo;
    private LiveAdmin live;

    @BeforeEach
    void startEcho() {
        echo = EchoServer.start();
    }

    @AfterEach
    void stop() {
        if (live != null) {
            live.close();
        }
        echo.close();
    }

    private void start(UnaryOperator<SynackConfig> tune) throws Exception {
        live = LiveAdmin.start(c -> tune.apply(c.withProxies(List.of(ProxySpec.of("web", new HostPort("127.0.0.1", 0), echo.hostPort())))));
    }

    private JsonNode get(String path) throws Exception {
        RawHttp.Response r = live.call("GET", path, null);
        assertThat(r.status()).as(path + ": " + r.body()).isEqualTo(200);
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        return JSON.readTree(r.body());
    }

    private static List<String> keys(JsonNode o) {
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            keys.add(it.next());
        }
        return keys;
    }

    private TestSocket connected() throws Exception {
        TestSocket s = TestSocket.connect(live.synack.address("web"));
        assertThat(s.roundTrip("ping")).isEqualTo("ping");
        return s;
    }

    @Test
    void withTheMirrorOnConnectionsAreTheMirrorsAndOneCanBeReset() throws Exception {
        start(c -> c.withMirror(MirrorSpec.DEFAULT.withEnabled(true)));
        try (TestSocket s = connected()) {
            JsonNode list = get("/synack/connections");
            assertThat(keys(list)).containsExactly("connections");
            JsonNode conn = list.get("connections").get(0);
            assertThat(keys(conn)).containsExactlyElementsOf(CONN);
            assertThat(conn.get("proxy").asText()).isEqualTo("web");
            assertThat(conn.get("open").asBoolean()).isTrue();
            assertThat(conn.get("client").asText()).isEqualTo("127.0.0.1:" + s.localAddress().getPort());
            assertThat(keys(conn.get("sockets").get("downstream"))).containsExactlyElementsOf(SOCK);
            assertThat(conn.get("sockets").get("downstream").get("mirror_state").asText()).isEqualTo("ESTABLISHED");
            assertThat(get("/synack/connections?proxy=other").get("connections")).isEmpty();
            long id = conn.get("id").asLong();

            JsonNode one = get("/synack/connections/" + id);
            assertThat(keys(one)).containsExactlyElementsOf(concat(CONN, "timeline"));
            assertThat(keys(one.get("timeline").get(0))).containsExactly("t_ms", "socket", "event", "mirror_state", "kernel_state", "inferred");
            RawHttp.Response text = live.call("GET", "/synack/connections/" + id + "?format=text", null);
            assertThat(text.status()).isEqualTo(200);
            assertThat(text.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
            assertThat(text.body()).contains("client").contains("service");
            assertThat(keys(get("/synack/divergences"))).containsExactly("divergences");

            RawHttp.Response reset = live.call("DELETE", "/synack/connections/" + id, null);
            assertThat(reset.status()).isEqualTo(204);
            assertThat(s.readToEndAsync().get(10, java.util.concurrent.TimeUnit.SECONDS).ending()).as("both sockets reset").isEqualTo(Ending.RESET);
            await().atMost(Duration.ofSeconds(10)).until(() -> get("/synack/connections").get("connections").isEmpty());
            JsonNode closed = get("/synack/connections?closed=true").get("connections").get(0);
            assertThat(closed.get("close_reason").asText()).isEqualTo("reset_by_api");
        }
        assertError(live.call("GET", "/synack/connections/999999", null), 404, "connection not found");
        assertError(live.call("GET", "/synack/connections/x?format=text", null), 404, "connection not found");
        assertError(live.call("DELETE", "/synack/connections/999999", null), 404, "connection not found");
        assertError(live.call("GET", "/synack/connections?closed=maybe", null), 400,
                "invalid query parameter: closed=maybe (expected: true or false)");
        assertError(live.call("GET", "/synack/connections/1?format=svg", null), 400,
                "invalid query parameter: format=svg (expected: json or text)");
    }

    @Test
    void withTheMirrorOffConnectionsComeFromTheRegistryWithTheMirrorsKeysNull() throws Exception {
        start(c -> c);
        try (TestSocket s = connected()) {
            JsonNode conn = get("/synack/connections").get("connections").get(0);
            assertThat(keys(conn)).containsExactlyElementsOf(CONN);
            assertThat(conn.get("close_reason").isNull()).isTrue();
            assertThat(conn.get("bytes").get("client_to_service").asLong()).isEqualTo(4);
            JsonNode down = conn.get("sockets").get("downstream");
            assertThat(keys(down)).containsExactlyElementsOf(SOCK);
            assertThat(down.get("remote").asText()).isEqualTo("127.0.0.1:" + s.localAddress().getPort());
            assertThat(List.of("mirror_state", "kernel_state", "agree", "tcp_info")).allMatch(k -> down.get(k).isNull());
            JsonNode up = conn.get("sockets").get("upstream");
            assertThat(up.get("remote").asText()).isEqualTo(echo.hostPort().toString());
            JsonNode one = get("/synack/connections/" + conn.get("id").asLong());
            assertThat(keys(one)).containsExactlyElementsOf(concat(CONN, "timeline"));
            assertThat(one.get("timeline").isNull()).isTrue();

            String off = "the mirror engine is off (mirror.enabled: false)";
            assertError(live.call("GET", "/synack/divergences", null), 404, off);
            assertError(live.call("GET", "/synack/connections?closed=true", null), 404, off + ": closed connections are the mirror's");
            assertError(live.call("GET", "/synack/connections/" + conn.get("id").asLong() + "?format=text", null), 404,
                    off + ": the sequence diagram is the mirror's");
            assertThat(live.call("DELETE", "/synack/connections/" + conn.get("id").asLong(), null).status()).isEqualTo(204);
            assertThat(s.readToEndAsync().get(10, java.util.concurrent.TimeUnit.SECONDS).ending()).isEqualTo(Ending.RESET);
        }
    }

    @Test
    void optionsShowTheListenerAndTheNewestConnectionRequestedAndEffective() throws Exception {
        start(c -> c);
        JsonNode none = get("/synack/proxies/web/options");
        assertThat(keys(none)).containsExactly("proxy", "listening", "address", "listener", "connection");
        assertThat(none.get("connection").isNull()).isTrue();
        assertThat(keys(none.get("listener").get(0))).containsExactly("name", "requested", "effective", "note", "differs");
        try (TestSocket s = connected()) {
            JsonNode options = get("/synack/proxies/web/options");
            JsonNode c = options.get("connection");
            assertThat(c.get("open").asBoolean()).isTrue();
            JsonNode nodelay = find(c.get("downstream"), "nodelay");
            assertThat(nodelay.get("requested").asText()).isEqualTo("true");
            assertThat(nodelay.get("effective").asText()).isEqualTo("true");
            assertThat(find(c.get("upstream"), "nodelay").get("effective").asText()).isEqualTo("true");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> live.synack.activeSessions("web") == 0);
        assertThat(get("/synack/proxies/web/options").get("connection").get("open").asBoolean()).as("the last reading, kept").isFalse();
        assertError(live.call("GET", "/synack/proxies/nope/options", null), 404, "proxy not found");
    }

    @Test
    void doctorConfigHealthAndMetrics() throws Exception {
        String token = "0123456789abcdef-token";
        start(c -> c.withAdmin(new AdminSpec(new HostPort("127.0.0.1", 0), token, false)));
        String auth = "Authorization: Bearer " + token;
        assertThat(live.call("GET", "/synack/health", null).status()).as("the same token as Toxiproxy's routes").isEqualTo(401);

        RawHttp.Response doctor = live.call("GET", "/synack/doctor", null, auth);
        JsonNode d = JSON.readTree(doctor.body());
        assertThat(keys(d)).containsExactly("context", "verdict", "problems", "counts", "findings");
        JsonNode listen = find(d.get("findings"), "proxies[0].listen", "path");
        assertThat(listen.get("status").asText()).as("its own listener is no conflict").isEqualTo("OK");
        assertThat(listen.get("why").asText()).startsWith("this synack listens there now");

        RawHttp.Response config = live.call("GET", "/synack/config", null, auth);
        assertThat(config.body()).contains("\"token\":\"(redacted)\"").doesNotContain(token);
        SynackConfig reloaded = ConfigLoader.parse(config.body().replace("\"token\":\"(redacted)\",", ""), "effective.json");
        SynackConfig effective = live.synack.effectiveConfig();
        assertThat(reloaded).as("the effective config loads again as itself")
                .isEqualTo(effective.withAdmin(new AdminSpec(effective.admin().listen())));

        JsonNode health = JSON.readTree(live.call("GET", "/synack/health", null, auth).body());
        assertThat(keys(health)).containsExactly("status", "version", "transport", "proxies", "listening", "connections", "mirror", "metrics");
        assertThat(health.get("proxies").asInt()).isEqualTo(1);
        RawHttp.Response metrics = live.call("GET", "/metrics", null, auth);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("synack_connections_active{proxy=\"web\"}");
    }

    @Test
    void noMetricsNoMetricsRoute() throws Exception {
        start(c -> c.withMetrics(new MetricsSpec(false, false)));
        RawHttp.Response r = live.call("GET", "/metrics", null);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.body()).isEqualTo("404 page not found\n");
    }

    private static void assertError(RawHttp.Response r, int status, String error) {
        assertThat(r.status()).isEqualTo(status);
        assertThat(r.body()).isEqualTo("{\"error\":\"" + error + "\",\"status\":" + status + "}\n");
    }

    private static JsonNode find(JsonNode list, String value) {
        return find(list, value, "name");
    }

    private static JsonNode find(JsonNode list, String value, String key) {
        for (JsonNode n : list) {
            if (n.get(key).asText().equals(value)) {
                return n;
            }
        }
        throw new AssertionError("no " + key + " " + value + " in " + list);
    }

    private static List<String> concat(List<String> a, String b) {
        List<String> all = new ArrayList<>(a);
        all.add(b);
        return all;
    }
}
