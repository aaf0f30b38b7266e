package dev.synack.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every error of Toxiproxy's API (reference §1.4, §1.5): status, exact body, content type, and the order
 * in which Toxiproxy checks (the proxy before the body, the type before the name).
 */
class AdminErrorsTest {
    private AdminFixture admin;

    @BeforeEach
    void start() throws IOException {
        admin = new AdminFixture();
        admin.call("POST", "/proxies", "{\"name\":\"redis\",\"listen\":\"localhost:26379\",\"upstream\":\"localhost:6379\"}");
    }

    @AfterEach
    void stop() {
        admin.close();
    }

    private void assertError(RawHttp.Response r, int status, String error) {
        assertThat(r.status()).isEqualTo(status);
        assertThat(r.body()).isEqualTo("{\"error\":\"" + error + "\",\"status\":" + status + "}\n");
        assertThat(r.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void anUnknownProxyIs404OnEveryProxyRoute() throws IOException {
        assertError(admin.call("GET", "/proxies/nope", null), 404, "proxy not found");
        assertError(admin.call("POST", "/proxies/nope", "{\"enabled\":false}"), 404, "proxy not found");
        assertError(admin.call("DELETE", "/proxies/nope", null), 404, "proxy not found");
        assertError(admin.call("GET", "/proxies/nope/toxics", null), 404, "proxy not found");
        assertError(admin.call("GET", "/proxies/nope/toxics/t", null), 404, "proxy not found");
        assertError(admin.call("DELETE", "/proxies/nope/toxics/t", null), 404, "proxy not found");
        assertThat(admin.call("GET", "/proxies/nope", null).header("X-Toxiproxy-Request-Id")).isNotNull();
    }

    @Test
    void theProxyIsLookedUpBeforeTheBodyIsRead() throws IOException {
        assertError(admin.call("POST", "/proxies/nope", "not json"), 404, "proxy not found");
        assertError(admin.call("POST", "/proxies/nope/toxics", "not json"), 404, "proxy not found");
        assertError(admin.call("PATCH", "/proxies/redis/toxics/nope", "not json"), 404, "toxic not found");
    }

    @Test
    void aTakenNameIs409() throws IOException {
        assertError(admin.call("POST", "/proxies", "{\"name\":\"redis\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"u:1\"}"),
                409, "proxy already exists");
    }

    @Test
    void nameThenUpstreamAreRequired() throws IOException {
        assertError(admin.call("POST", "/proxies", "{\"listen\":\"127.0.0.1:0\"}"), 400, "missing required field: name");
        assertError(admin.call("POST", "/proxies", "{\"name\":null,\"upstream\":\"u:1\"}"), 400, "missing required field: name");
        assertError(admin.call("POST", "/proxies", "{\"name\":\"x\",\"upstream\":\"\"}"), 400, "missing required field: upstream");
    }

    @Test
    void aListenThatCannotBeBoundIs500WithGosMessage() throws IOException {
        assertError(admin.call("POST", "/proxies", "{\"name\":\"x\",\"listen\":\"127.0.0.1:26379\",\"upstream\":\"u:1\"}"),
                500, "listen tcp 127.0.0.1:26379: bind: address already in use");
        assertError(admin.call("POST", "/proxies", "{\"name\":\"x\",\"listen\":\"local373\",\"upstream\":\"u:1\"}"),
                500, "listen tcp: address local373: missing port in address");
        assertThat(admin.call("GET", "/proxies/x", null).status()).as("a proxy that failed to bind is not stored").isEqualTo(404);
    }

    @Test
    void toxicErrors() throws IOException {
        assertError(admin.call("POST", "/proxies/redis/toxics", "{\"type\":\"latency\",\"stream\":\"sideways\"}"), 400,
                "stream was invalid, can be either upstream or downstream");
        assertError(admin.call("POST", "/proxies/redis/toxics", "{\"type\":\"latency\",\"stream\":\"\"}"), 400,
                "stream was invalid, can be either upstream or downstream");
        assertError(admin.call("POST", "/proxies/redis/toxics", "{\"type\":\"down\"}"), 400, "invalid toxic type");
        assertError(admin.call("POST", "/proxies/redis/toxics", "{}"), 400, "invalid toxic type");
        admin.call("POST", "/proxies/redis/toxics", "{\"name\":\"t\",\"type\":\"latency\",\"stream\":\"upstream\"}");
        assertError(admin.call("POST", "/proxies/redis/toxics", "{\"name\":\"t\",\"type\":\"bandwidth\"}"), 409, "toxic already exists");
        assertError(admin.call("POST", "/proxies/redis/toxics", "{\"name\":\"t\",\"type\":\"nope\"}"), 400, "invalid toxic type");
        assertError(admin.call("GET", "/proxies/redis/toxics/nope", null), 404, "toxic not found");
        assertError(admin.call("POST", "/proxies/redis/toxics/nope", "{}"), 404, "toxic not found");
        assertError(admin.call("DELETE", "/proxies/redis/toxics/nope", null), 404, "toxic not found");
    }

    @Test
    void anAttributeOfTheWrongTypeIsABadBodyInGosWords() throws IOException {
        assertError(admin.call("POST", "/proxies/redis/toxics", "{\"type\":\"latency\",\"attributes\":{\"latency\":\"100ms\"}}"), 400,
                "bad request body: json: cannot unmarshal string into Go struct field .attributes.latency of type int64");
        assertError(admin.call("POST", "/proxies/redis/toxics", "{\"type\":\"latency\",\"attributes\":{\"jitter\":1.5}}"), 400,
                "bad request body: json: cannot unmarshal number 1.5 into Go struct field .attributes.jitter of type int64");
        admin.call("POST", "/proxies/redis/toxics", "{\"name\":\"lag\",\"type\":\"latency\",\"attributes\":{\"latency\":5}}");
        assertError(admin.call("PATCH", "/proxies/redis/toxics/lag", "{\"attributes\":{\"latency\":true}}"), 400,
                "bad request body: json: cannot unmarshal bool into Go struct field .attributes.latency of type int64");
        assertThat(admin.call("GET", "/proxies/redis/toxics/lag", null).body()).as("a failed update changes nothing")
                .contains("{\"latency\":5,\"jitter\":0}");
    }

    @Test
    void populateChecksEveryEntryFirstAndAnswersJsonWithTheProxiesDone() throws IOException {
        RawHttp.Response missing = admin.call("POST", "/populate",
                "[{\"name\":\"a\",\"upstream\":\"u:1\"},{\"upstream\":\"u:2\"}]");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.header("Content-Type")).isEqualTo("application/json");
        assertThat(missing.body()).isEqualTo("{\"error\":\"missing required field: name at proxy 2\",\"status\":400,\"proxies\":null}");
        assertThat(admin.call("GET", "/proxies/a", null).status()).as("nothing created").isEqualTo(404);

        RawHttp.Response conflict = admin.call("POST", "/populate", "[{\"name\":\"a\",\"listen\":\"127.0.0.1:7000\",\"upstream\":\"u:1\"},"
                + "{\"name\":\"b\",\"listen\":\"localhost:26379\",\"upstream\":\"u:2\"},{\"name\":\"c\",\"upstream\":\"u:3\"}]");
        assertThat(conflict.status()).isEqualTo(500);
        assertThat(conflict.body()).isEqualTo("{\"error\":\"listen tcp 127.0.0.1:26379: bind: address already in use\",\"status\":500,"
                + "\"proxies\":[{\"name\":\"a\",\"listen\":\"127.0.0.1:7000\",\"upstream\":\"u:1\",\"enabled\":true,\"Logger\":{},\"toxics\":[]}]}");
        assertThat(admin.call("GET", "/proxies/c", null).status()).as("entries after the failure are not processed").isEqualTo(404);

        RawHttp.Response object = admin.call("POST", "/populate", "{\"name\":\"a\"}");
        assertThat(object.body()).isEqualTo("{\"error\":\"bad request body: json: cannot unmarshal object into Go value of type "
                + "[]toxiproxy.Proxy\",\"status\":400,\"proxies\":null}");
    }

    @Test
    void resetAnswers500WhenAProxyCannotBeBoundAgain() throws IOException {
        admin.call("POST", "/proxies/redis", "{\"enabled\":false}");
        admin.call("POST", "/proxies", "{\"name\":\"thief\",\"listen\":\"127.0.0.1:26379\",\"upstream\":\"u:1\"}");
        assertError(admin.call("POST", "/reset", null), 500, "listen tcp 127.0.0.1:26379: bind: address already in use");
    }
}
