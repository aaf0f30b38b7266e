package dev.synack.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every route's success answer, byte for byte against Toxiproxy's shapes (reference §1.2, §1.3): status,
 * content type, key order, defaults, number formats, and the request-id header.
 */
class AdminShapesTest {
    private static final String REDIS = "{\"name\":\"redis\",\"listen\":\"127.0.0.1:26379\",\"upstream\":\"localhost:6379\","
            + "\"enabled\":true,\"Logger\":{},\"toxics\":[]}";

    private AdminFixture admin;

    @BeforeEach
    void start() throws IOException {
        admin = new AdminFixture();
    }

    @AfterEach
    void stop() {
        admin.close();
    }

    private RawHttp.Response createRedis() throws IOException {
        return admin.call("POST", "/proxies", "{\"name\":\"redis\",\"listen\":\"localhost:26379\",\"upstream\":\"localhost:6379\"}");
    }

    @Test
    void createAnswers201WithTheProxyAndItsBoundAddress() throws IOException {
        RawHttp.Response r = createRedis();
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.body()).isEqualTo(REDIS);
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        assertThat(r.header("X-Toxiproxy-Request-Id")).matches("[0-9a-v]{20}");
    }

    @Test
    void portZeroIsReportedAsTheBoundPortAndAWildcardAsGoPrintsIt() throws IOException {
        assertThat(admin.call("POST", "/proxies", "{\"name\":\"a\",\"listen\":\"0.0.0.0:0\",\"upstream\":\"u:1\"}").body())
                .startsWith("{\"name\":\"a\",\"listen\":\"[::]:20000\",");
    }

    @Test
    void aProxyCreatedDisabledKeepsItsListenAsGiven() throws IOException {
        RawHttp.Response r = admin.call("POST", "/proxies",
                "{\"name\":\"d\",\"listen\":\"localhost:3310\",\"upstream\":\"u:1\",\"enabled\":false}");
        assertThat(r.body()).isEqualTo("{\"name\":\"d\",\"listen\":\"localhost:3310\",\"upstream\":\"u:1\",\"enabled\":false,"
                + "\"Logger\":{},\"toxics\":[]}");
    }

    @Test
    void listIsAnObjectByNameSortedAsGoSortsMapKeys() throws IOException {
        assertThat(admin.call("GET", "/proxies", null).body()).isEqualTo("{}");
        for (String name : new String[] {"b", "a", "B", "é"}) {
            admin.call("POST", "/proxies", "{\"name\":\"" + name + "\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"u:1\"}");
        }
        RawHttp.Response r = admin.call("GET", "/proxies", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        assertThat(r.body()).startsWith("{\"B\":{\"name\":\"B\",").contains("},\"a\":{\"name\":\"a\",", "},\"b\":{", "},\"é\":{")
                .endsWith("\"toxics\":[]}}");
    }

    @Test
    void getAnswersTheProxyWithItsToxicsUpstreamFirst() throws IOException {
        createRedis();
        admin.call("POST", "/proxies/redis/toxics", "{\"type\":\"latency\",\"attributes\":{\"latency\":100,\"jitter\":10}}");
        admin.call("POST", "/proxies/redis/toxics", "{\"type\":\"bandwidth\",\"stream\":\"upstream\",\"toxicity\":0.5}");
        RawHttp.Response r = admin.call("GET", "/proxies/redis", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(REDIS.replace("\"toxics\":[]", "\"toxics\":["
                + "{\"attributes\":{\"rate\":0},\"name\":\"bandwidth_upstream\",\"type\":\"bandwidth\",\"stream\":\"upstream\",\"toxicity\":0.5},"
                + "{\"attributes\":{\"latency\":100,\"jitter\":10},\"name\":\"latency_downstream\",\"type\":\"latency\",\"stream\":\"downstream\",\"toxicity\":1}]"));
        assertThat(admin.call("GET", "/proxies/redis/toxics", null).body())
                .startsWith("[{\"attributes\":{\"rate\":0},\"name\":\"bandwidth_upstream\"").endsWith("\"toxicity\":1}]");
    }

    @Test
    void updateByPostAndByPatchAnswersTheProxy() throws IOException {
        createRedis();
        RawHttp.Response post = admin.call("POST", "/proxies/redis", "{\"enabled\":false}");
        assertThat(post.status()).isEqualTo(200);
        assertThat(post.body()).isEqualTo(REDIS.replace("\"enabled\":true", "\"enabled\":false"));
        RawHttp.Response patch = admin.call("PATCH", "/proxies/redis", "{\"enabled\":true,\"upstream\":\"localhost:6380\",\"name\":\"x\"}");
        assertThat(patch.status()).isEqualTo(200);
        assertThat(patch.body()).isEqualTo(REDIS.replace("localhost:6379", "localhost:6380"));
    }

    @Test
    void deleteAnswers204WithNoBody() throws IOException {
        createRedis();
        RawHttp.Response r = admin.call("DELETE", "/proxies/redis", null);
        assertThat(r.status()).isEqualTo(204);
        assertThat(r.body()).isEmpty();
        assertThat(r.header("X-Toxiproxy-Request-Id")).isNotNull();
        assertThat(admin.call("GET", "/proxies", null).body()).isEqualTo("{}");
    }

    @Test
    void addingAToxicAnswers200WithToxiproxysDefaults() throws IOException {
        createRedis();
        RawHttp.Response r = admin.call("POST", "/proxies/redis/toxics", "{\"type\":\"latency\"}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        assertThat(r.body()).isEqualTo("{\"attributes\":{\"latency\":0,\"jitter\":0},\"name\":\"latency_downstream\","
                + "\"type\":\"latency\",\"stream\":\"downstream\",\"toxicity\":1}");
    }

    @Test
    void theDefaultNameUsesTheStreamAsSentAndKeysAreReadIgnoringCase() throws IOException {
        createRedis();
        RawHttp.Response r = admin.call("POST", "/proxies/redis/toxics",
                "{\"Type\":\"slicer\",\"STREAM\":\"UpStream\",\"Toxicity\":0.2,\"Enabled\":true,"
                        + "\"attributes\":{\"Average_Size\":64,\"delay\":null,\"unknown\":1}}");
        assertThat(r.body()).isEqualTo("{\"attributes\":{\"average_size\":64,\"size_variation\":0,\"delay\":0},"
                + "\"name\":\"slicer_UpStream\",\"type\":\"slicer\",\"stream\":\"UpStream\",\"toxicity\":0.2}");
    }

    @Test
    void everyToxiproxyTypeListsEveryAttribute() throws IOException {
        createRedis();
        String[][] cases = {
                {"latency", "{\"latency\":0,\"jitter\":0}"}, {"bandwidth", "{\"rate\":0}"}, {"slow_close", "{\"delay\":0}"},
                {"timeout", "{\"timeout\":0}"}, {"reset_peer", "{\"timeout\":0}"},
                {"slicer", "{\"average_size\":0,\"size_variation\":0,\"delay\":0}"}, {"limit_data", "{\"bytes\":0}"}, {"noop", "{}"}};
        for (String[] c : cases) {
            assertThat(admin.call("POST", "/proxies/redis/toxics", "{\"type\":\"" + c[0] + "\"}").body())
                    .startsWith("{\"attributes\":" + c[1] + ",\"name\":\"" + c[0] + "_downstream\"");
        }
    }

    @Test
    void getAndUpdateAToxicMergeAttributesAndKeepToxicity() throws IOException {
        createRedis();
        admin.call("POST", "/proxies/redis/toxics", "{\"name\":\"lag\",\"type\":\"latency\",\"toxicity\":0.75,\"attributes\":{\"latency\":100,\"jitter\":10}}");
        RawHttp.Response get = admin.call("GET", "/proxies/redis/toxics/lag", null);
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.body()).isEqualTo("{\"attributes\":{\"latency\":100,\"jitter\":10},\"name\":\"lag\",\"type\":\"latency\","
                + "\"stream\":\"downstream\",\"toxicity\":0.75}");
        RawHttp.Response post = admin.call("POST", "/proxies/redis/toxics/lag", "{\"attributes\":{\"latency\":250}}");
        assertThat(post.status()).isEqualTo(200);
        assertThat(post.body()).contains("{\"latency\":250,\"jitter\":10}").endsWith("\"toxicity\":0.75}");
        RawHttp.Response patch = admin.call("PATCH", "/proxies/redis/toxics/lag", "{\"toxicity\":0.1,\"name\":\"ignored\"}");
        assertThat(patch.body()).isEqualTo("{\"attributes\":{\"latency\":250,\"jitter\":10},\"name\":\"lag\",\"type\":\"latency\","
                + "\"stream\":\"downstream\",\"toxicity\":0.1}");
    }

    @Test
    void removingAToxicAnswers204() throws IOException {
        createRedis();
        admin.call("POST", "/proxies/redis/toxics", "{\"type\":\"timeout\"}");
        RawHttp.Response r = admin.call("DELETE", "/proxies/redis/toxics/timeout_downstream", null);
        assertThat(r.status()).isEqualTo(204);
        assertThat(r.body()).isEmpty();
        assertThat(admin.call("GET", "/proxies/redis/toxics", null).body()).isEqualTo("[]");
    }

    @Test
    void populateAnswers201WithTheProxiesInInputOrder() throws IOException {
        RawHttp.Response r = admin.call("POST", "/populate", "[{\"name\":\"z\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"u:1\"},"
                + "{\"name\":\"a\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"u:2\",\"enabled\":false}]");
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        assertThat(r.body()).isEqualTo("{\"proxies\":[{\"name\":\"z\",\"listen\":\"127.0.0.1:20000\",\"upstream\":\"u:1\",\"enabled\":true,"
                + "\"Logger\":{},\"toxics\":[]},{\"name\":\"a\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"u:2\",\"enabled\":false,"
                + "\"Logger\":{},\"toxics\":[]}]}");
        assertThat(admin.call("POST", "/populate", "[]").body()).isEqualTo("{\"proxies\":null}");
    }

    @Test
    void populateKeepsAnEqualProxyWithItsToxicsAndReplacesOneThatDiffers() throws IOException {
        createRedis();
        admin.call("POST", "/proxies/redis/toxics", "{\"type\":\"latency\"}");
        String same = "[{\"name\":\"redis\",\"listen\":\"127.0.0.1:26379\",\"upstream\":\"localhost:6379\"}]";
        assertThat(admin.call("POST", "/populate", same).body()).contains("\"name\":\"latency_downstream\"");
        String moved = "[{\"name\":\"redis\",\"listen\":\"127.0.0.1:26380\",\"upstream\":\"localhost:6379\"}]";
        assertThat(admin.call("POST", "/populate", moved).body()).contains("\"listen\":\"127.0.0.1:26380\"").contains("\"toxics\":[]");
    }

    @Test
    void resetEnablesEveryProxyAndRemovesEveryToxic() throws IOException {
        createRedis();
        admin.call("POST", "/proxies/redis/toxics", "{\"type\":\"latency\"}");
        admin.call("POST", "/proxies/redis", "{\"enabled\":false}");
        RawHttp.Response r = admin.call("POST", "/reset", null);
        assertThat(r.status()).isEqualTo(204);
        assertThat(r.body()).isEmpty();
        assertThat(admin.call("GET", "/proxies/redis", null).body()).isEqualTo(REDIS);
    }

    @Test
    void versionIsToxiproxysShapeWithItsSpaceAndNewline() throws IOException {
        RawHttp.Response r = admin.call("GET", "/version", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).isEqualTo("application/json;charset=utf-8");
        assertThat(r.body()).isEqualTo("{\"version\": \"" + AdminFixture.VERSION + "\"}\n");
    }

    @Test
    void metricsAreServedOnAnyMethodWhenOnAndNotFoundWhenOff() throws IOException {
        assertThat(admin.call("GET", "/metrics", null).body()).isEqualTo("404 page not found\n");
        try (AdminFixture withMetrics = new AdminFixture(s -> s.withMetrics(() -> "synack_up 1\n"))) {
            for (String method : new String[] {"GET", "POST"}) {
                RawHttp.Response r = withMetrics.call(method, "/metrics", null);
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.header("Content-Type")).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
                assertThat(r.body()).isEqualTo("synack_up 1\n");
            }
        }
    }
}
