package dev.synack.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Requests a client should not send: each gets its exact status and body, never a hung connection, never
 * a 500 for the client's mistake, and the server goes on answering.
 */
class AdminAbuseTest {
    private static final String BAD_BODY = "{\"error\":\"bad request body: %s\",\"status\":400}\n";

    private AdminFixture admin;

    @BeforeEach
    void start() throws IOException {
        admin = new AdminFixture();
        admin.call("POST", "/proxies", "{\"name\":\"redis\",\"listen\":\"localhost:26379\",\"upstream\":\"localhost:6379\"}");
    }

    @AfterEach
    void stop() {
        admin.backend.trap = () -> {};
        admin.close();
    }

    private void assertBadBody(RawHttp.Response r, String detail) {
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).isEqualTo(BAD_BODY.formatted(detail));
    }

    @Test
    void malformedJsonIsABadBodyInGosWords() throws IOException {
        assertBadBody(admin.call("POST", "/proxies", ""), "EOF");
        assertBadBody(admin.call("POST", "/proxies", "  \n"), "EOF");
        assertBadBody(admin.call("POST", "/proxies", "{\"name\":"), "unexpected EOF");
        assertBadBody(admin.call("POST", "/proxies", "{name}"), "invalid character 'n' looking for beginning of object key string");
        assertBadBody(admin.call("POST", "/proxies", "xyz"), "invalid character 'x' looking for beginning of value");
        assertBadBody(admin.call("POST", "/proxies", "{\"a\" 1}"), "invalid character '1' after object key");
    }

    @Test
    void onlyTheFirstJsonValueIsReadAsGoReadsIt() throws IOException {
        assertThat(admin.call("POST", "/proxies", "{\"name\":\"x\",\"upstream\":\"u:1\",\"listen\":\"127.0.0.1:0\"} trailing").status())
                .isEqualTo(201);
    }

    @Test
    void wrongTypesAreABadBodyNamingTheGoField() throws IOException {
        String go = "json: cannot unmarshal %s into Go %s";
        assertBadBody(admin.call("POST", "/proxies", "{\"name\":5,\"upstream\":\"u:1\"}"),
                go.formatted("number", "struct field Proxy.name of type string"));
        assertBadBody(admin.call("POST", "/proxies", "[1]"), go.formatted("array", "value of type toxiproxy.Proxy"));
        assertBadBody(admin.call("POST", "/proxies/redis", "{\"enabled\":\"yes\"}"),
                go.formatted("string", "struct field Proxy.enabled of type bool"));
        assertBadBody(admin.call("POST", "/proxies/redis/toxics", "{\"type\":\"latency\",\"toxicity\":\"high\"}"),
                go.formatted("string", "struct field ToxicWrapper.toxicity of type float32"));
        assertBadBody(admin.call("POST", "/proxies/redis/toxics", "{\"type\":\"latency\",\"toxicity\":1e39}"),
                go.formatted("number 1e+39", "struct field ToxicWrapper.toxicity of type float32"));
        assertBadBody(admin.call("POST", "/proxies/redis/toxics", "{\"type\":\"latency\",\"attributes\":5}"),
                go.formatted("number", "struct field ToxicWrapper.attributes of type toxics.NoopToxic"));
        admin.call("POST", "/proxies/redis/toxics", "{\"name\":\"r\",\"type\":\"reset_peer\"}");
        assertBadBody(admin.call("PATCH", "/proxies/redis/toxics/r", "{\"attributes\":[]}"),
                go.formatted("array", "struct field .attributes of type toxics.ResetToxic"));
    }

    @Test
    void aBodyOverTheLimitIs413AndTheConnectionCloses() throws IOException {
        String tooLarge = "{\"error\":\"request body too large\",\"status\":413}\n";
        RawHttp.Response announced = admin.call("POST", "/populate", " ".repeat(AdminSettings.MAX_BODY_BYTES + 1));
        assertThat(announced.status()).isEqualTo(413);
        assertThat(announced.body()).isEqualTo(tooLarge);
        assertThat(announced.header("Connection")).isEqualTo("close");

        try (Socket s = RawHttp.connect(admin.address())) {
            RawHttp.write(s, ("POST /populate HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = ("100000\r\n" + " ".repeat(0x100000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            RawHttp.write(s, chunk);
            RawHttp.write(s, "1\r\n \r\n".getBytes(StandardCharsets.US_ASCII));
            RawHttp.Response chunked = RawHttp.read(s.getInputStream());
            assertThat(chunked.status()).isEqualTo(413);
            assertThat(chunked.body()).isEqualTo(tooLarge);
            assertThat(s.getInputStream().read()).as("closed").isEqualTo(-1);
        }

        try (Socket s = RawHttp.connect(admin.address())) {
            RawHttp.write(s, ("POST /populate HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 2000000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            RawHttp.Response expect = RawHttp.read(s.getInputStream());
            assertThat(expect.status()).isEqualTo(413);
            assertThat(expect.body()).isEqualTo(tooLarge);
        }
    }

    @Test
    void aBodyOfExactlyTheLimitIsRead() throws IOException {
        String populate = "[]";
        RawHttp.Response r = admin.call("POST", "/populate", populate + " ".repeat(AdminSettings.MAX_BODY_BYTES - populate.length()));
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.body()).isEqualTo("{\"proxies\":null}");
    }

    /** A fixture whose request or handler timeout is short, so that a test can reach it without waiting long. */
    private static AdminFixture withTimeouts(Duration request, Duration handler) throws IOException {
        return new AdminFixture(s -> s.withLimits(AdminSettings.MAX_BODY_BYTES, request, handler, AdminSettings.IDLE_TIMEOUT));
    }

    @Test
    void aBodyThatDoesNotArriveInTimeIs408AndTheConnectionCloses() throws IOException {
        admin.close();
        admin = withTimeouts(Duration.ofMillis(300), AdminSettings.HANDLER_TIMEOUT);
        admin.call("POST", "/proxies", "{\"name\":\"redis\",\"listen\":\"localhost:26379\",\"upstream\":\"localhost:6379\"}");
        try (Socket s = RawHttp.connect(admin.address())) {
            RawHttp.write(s, "POST /proxies HTTP/1.1\r\nHost: t\r\nContent-Length: 60\r\n\r\n{\"name\":".getBytes(StandardCharsets.US_ASCII));
            RawHttp.Response r = RawHttp.read(s.getInputStream());
            assertThat(r.status()).isEqualTo(408);
            assertThat(r.body()).isEqualTo("{\"error\":\"request not received in time\",\"status\":408}\n");
            assertThat(s.getInputStream().read()).as("closed").isEqualTo(-1);
        }
        try (Socket s = RawHttp.connect(admin.address())) {
            RawHttp.write(s, "GET /prox".getBytes(StandardCharsets.US_ASCII));
            assertThat(RawHttp.read(s.getInputStream()).status()).as("a request line sent too slowly").isEqualTo(408);
        }
        assertThat(admin.call("GET", "/proxies/redis", null).status()).isEqualTo(200);
    }

    @Test
    void unknownRoutesAreGosPlain404AndWrongMethodsA405() throws IOException {
        for (String path : new String[] {"/nope", "/proxies/", "/proxies/redis/toxics/a/b", "/proxies//toxics", "/Proxies"}) {
            RawHttp.Response r = admin.call("GET", path, null);
            assertThat(r.status()).as(path).isEqualTo(404);
            assertThat(r.body()).isEqualTo("404 page not found\n");
            assertThat(r.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
            assertThat(r.header("X-Toxiproxy-Request-Id")).isNull();
        }
        RawHttp.Response put = admin.call("PUT", "/proxies", "{}");
        assertThat(put.status()).isEqualTo(405);
        assertThat(put.body()).isEqualTo("{\"error\":\"method not allowed\",\"status\":405}\n");
        assertThat(put.header("Allow")).isEqualTo("POST, GET");
        assertThat(admin.call("DELETE", "/version", null).header("Allow")).isEqualTo("GET");
        assertThat(admin.call("HEAD", "/proxies", null).status()).isEqualTo(405);
    }

    @Test
    void unicodeNamesRoundTripThroughBodyAndPath() throws IOException {
        String name = "café-☕-𝄞";
        RawHttp.Response created = admin.call("POST", "/proxies", "{\"name\":\"" + name + "\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"u:1\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body()).startsWith("{\"name\":\"" + name + "\"");
        RawHttp.Response got = admin.call("GET", "/proxies/caf%C3%A9-%E2%98%95-%F0%9D%84%9E", null);
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.body()).startsWith("{\"name\":\"" + name + "\"");
        assertThat(admin.call("POST", "/proxies", "{\"name\":\"<b>&\",\"upstream\":\"u:1\",\"listen\":\"127.0.0.1:0\"}").body())
                .as("Go escapes HTML characters").startsWith("{\"name\":\"\\u003cb\\u003e\\u0026\"");
        assertThat(admin.call("GET", "/proxies/%zz", null).body()).isEqualTo("404 page not found\n");
    }

    @Test
    void veryLongNamesWorkUpToTheRequestLineLimit() throws IOException {
        String name = "n".repeat(10_000);
        assertThat(admin.call("POST", "/proxies", "{\"name\":\"" + name + "\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"u:1\"}").status())
                .isEqualTo(201);
        assertThat(admin.call("GET", "/proxies/" + name, null).status()).isEqualTo(200);
        RawHttp.Response tooLong = admin.call("GET", "/proxies/" + "n".repeat(70_000), null);
        assertThat(tooLong.status()).isEqualTo(431);
        assertThat(tooLong.body()).isEqualTo("{\"error\":\"request line or headers too large\",\"status\":431}\n");
    }

    @Test
    void aBrowserIsTurnedAwayAsToxiproxyDoes() throws IOException {
        RawHttp.Response r = admin.call("GET", "/proxies", null, "User-Agent: Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.body()).isEqualTo("User agent not allowed\n");
        assertThat(r.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(r.header("X-Toxiproxy-Request-Id")).isNotNull();
        assertThat(admin.call("GET", "/proxies", null, "User-Agent: curl/8.5.0").status()).isEqualTo(200);
        assertThat(admin.call("GET", "/nope", null, "User-Agent: Mozilla/5.0").status()).isEqualTo(404);
    }

    @Test
    void aBackendBugIsA500AndAWarningAndTheServerGoesOn() throws IOException {
        admin.backend.trap = () -> {
            throw new IllegalStateException("boom");
        };
        RawHttp.Response r = admin.call("GET", "/proxies", null);
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.body()).isEqualTo("{\"error\":\"internal error: boom\",\"status\":500}\n");
        admin.backend.trap = () -> {};
        assertThat(admin.call("GET", "/proxies", null).status()).isEqualTo(200);
    }

    @Test
    void aBackendThatHangsIsAnswered503() throws IOException {
        admin.close();
        admin = withTimeouts(AdminSettings.REQUEST_TIMEOUT, Duration.ofMillis(300));
        CountDownLatch release = new CountDownLatch(1);
        admin.backend.trap = () -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        try {
            RawHttp.Response r = admin.call("GET", "/proxies", null);
            assertThat(r.status()).isEqualTo(503);
            assertThat(r.body()).isEqualTo("{\"error\":\"request timed out\",\"status\":503}\n");
        } finally {
            admin.backend.trap = () -> {};
            release.countDown();
        }
        assertThat(admin.call("GET", "/version", null).status()).isEqualTo(200);
    }

    @Test
    void keptAliveAndPipelinedRequestsAreAnsweredInOrder() throws IOException {
        try (Socket s = RawHttp.connect(admin.address())) {
            byte[] one = RawHttp.request("GET", "/proxies/redis", null, false);
            byte[] two = RawHttp.request("GET", "/nope", null, false);
            byte[] three = RawHttp.request("DELETE", "/proxies/redis", null, false);
            byte[] all = new byte[one.length + two.length + three.length];
            System.arraycopy(one, 0, all, 0, one.length);
            System.arraycopy(two, 0, all, one.length, two.length);
            System.arraycopy(three, 0, all, one.length + two.length, three.length);
            RawHttp.write(s, all);
            assertThat(RawHttp.read(s.getInputStream()).status()).isEqualTo(200);
            assertThat(RawHttp.read(s.getInputStream()).status()).isEqualTo(404);
            assertThat(RawHttp.read(s.getInputStream()).status()).isEqualTo(204);
            RawHttp.write(s, RawHttp.request("GET", "/proxies/redis", null, false));
            assertThat(RawHttp.read(s.getInputStream()).status()).isEqualTo(404);
        }
    }

    @Test
    void aClientThatHalfClosesAfterItsRequestStillGetsTheResponse() throws IOException {
        try (Socket s = RawHttp.connect(admin.address())) {
            RawHttp.write(s, RawHttp.request("GET", "/proxies/redis", null, false));
            s.shutdownOutput();
            RawHttp.Response r = RawHttp.read(s.getInputStream());
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).startsWith("{\"name\":\"redis\"");
            assertThat(s.getInputStream().read()).as("closed after the response").isEqualTo(-1);
        }
    }

    @Test
    void testcontainersStyleNamesWithAColonWork() throws IOException {
        assertThat(admin.call("POST", "/proxies", "{\"name\":\"redis:6379\",\"listen\":\"0.0.0.0:8666\",\"upstream\":\"redis:6379\"}")
                .status()).isEqualTo(201);
        assertThat(admin.call("GET", "/proxies/redis:6379", null).body()).startsWith("{\"name\":\"redis:6379\",\"listen\":\"[::]:8666\"");
    }

    @Test
    void somethingThatIsNotHttpIs400AndClosed() throws IOException {
        try (Socket s = RawHttp.connect(admin.address())) {
            RawHttp.write(s, "\u0016\u0003\u0001 hello\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            RawHttp.Response r = RawHttp.read(s.getInputStream());
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.body()).isEqualTo("{\"error\":\"malformed HTTP request\",\"status\":400}\n");
        }
    }
}
