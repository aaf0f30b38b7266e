package dev.synack.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.testkit.Ending;
import dev.synack.testkit.HashingService;
import dev.synack.testkit.Payload;
import dev.synack.testkit.Received;
import dev.synack.testkit.TestSocket;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Requests a client should not send, against a real synack while a transfer runs through one of its
 * proxies (paced by a bandwidth toxic so that it lasts the whole abuse): each gets its status, none a 500,
 * and the transfer ends with every byte as sent.
 */
class AdminLiveAbuseTest {
    private static final String OK_BODY = "{\"name\":\"%s\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"localhost:1\"}";

    @Test
    void abuseOfTheApiLeavesALiveTransferWhole() throws Exception {
        Payload payload = Payload.mebibytes(24, 31);
        try (LiveAdmin live = LiveAdmin.start(); HashingService service = HashingService.source(payload)) {
            assertThat(live.call("POST", "/proxies", "{\"name\":\"bulk\",\"listen\":\"127.0.0.1:0\",\"upstream\":\""
                    + service.hostPort() + "\"}").status()).isEqualTo(201);
            // 8 MB/s: the 24 MiB take about three seconds, the abuse below less.
            assertThat(live.call("POST", "/proxies/bulk/toxics", "{\"name\":\"pace\",\"type\":\"bandwidth\",\"attributes\":{\"rate\":8000}}")
                    .status()).isEqualTo(200);
            try (TestSocket client = TestSocket.connect(live.synack.address("bulk"))) {
                CompletableFuture<Received> transfer = client.readToEndAsync();
                abuse(live);
                assertThat(transfer).as("the transfer ran through all of the abuse").isNotDone();
                status(live.call("POST", "/reset", null), 204);
                status(live.call("GET", "/proxies/bulk/toxics/pace", null), 404);
                Received r = transfer.get(120, TimeUnit.SECONDS);
                assertThat(r.ending()).isEqualTo(Ending.EOF);
                assertThat(r.digest()).isEqualTo(payload.digest());
            }
        }
    }

    private static void abuse(LiveAdmin live) throws IOException {
        status(live.call("POST", "/proxies", "{\"name\":"), 400);
        status(live.call("POST", "/proxies", "xyz"), 400);
        status(live.call("POST", "/proxies", "{\"name\":5,\"upstream\":\"u:1\"}"), 400);
        status(live.call("POST", "/proxies", "{\"name\":\"x\",\"upstream\":\"no-port\"}"), 400);
        status(live.call("POST", "/proxies", "{\"name\":\"x\",\"listen\":\"127.0.0.1:99999\",\"upstream\":\"u:1\"}"), 400);
        status(live.call("POST", "/proxies/bulk/toxics", "{\"type\":\"latency\",\"attributes\":{\"latency\":\"slow\"}}"), 400);
        status(live.call("POST", "/proxies/bulk/toxics", "{\"type\":\"latency\",\"attributes\":{\"latency\":-1}}"), 400);
        status(live.call("POST", "/proxies/bulk/toxics", "{\"type\":\"latency\",\"toxicity\":7}"), 400);
        status(live.call("POST", "/proxies/bulk/toxics", "{\"type\":\"flood\"}"), 400);
        status(live.call("POST", "/proxies/bulk/toxics", "{\"type\":\"latency\",\"stream\":\"sideways\"}"), 400);
        status(live.call("POST", "/proxies/bulk/toxics/pace", "{\"attributes\":{\"rate\":1.5}}"), 400);
        status(live.call("POST", "/proxies/nope/toxics", "{\"type\":\"latency\"}"), 404);
        status(live.call("POST", "/proxies", "{\"name\":\"bulk\",\"upstream\":\"u:1\"}"), 409);
        status(live.call("POST", "/populate", " ".repeat(AdminSettings.MAX_BODY_BYTES + 1)), 413);
        status(live.call("GET", "/nowhere", null), 404);
        status(live.call("PUT", "/proxies", "{}"), 405);
        status(live.call("GET", "/proxies", null, "User-Agent: Mozilla/5.0"), 403);
        status(live.call("DELETE", "/proxies/bulk", null, "User-Agent: Mozilla/5.0 (X11)"), 403);
        String unicode = "café-☕-𝄞";
        status(live.call("POST", "/proxies", OK_BODY.formatted(unicode)), 201);
        status(live.call("GET", "/proxies/caf%C3%A9-%E2%98%95-%F0%9D%84%9E", null), 200);
        String longName = "n".repeat(10_000);
        status(live.call("POST", "/proxies", OK_BODY.formatted(longName)), 201);
        status(live.call("DELETE", "/proxies/" + longName, null), 204);
        status(live.call("POST", "/proxies/" + unicode.replace("☕", "%E2%98%95").replace("é", "%C3%A9").replace("𝄞", "%F0%9D%84%9E"),
                "{\"enabled\":false}"), 200);
        try (Socket s = RawHttp.connect(live.address())) {
            // A request cut off in its body: the client goes away, the server forgets it.
            RawHttp.write(s, "POST /proxies HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\n{\"name\":".getBytes(StandardCharsets.US_ASCII));
        }
        for (int i = 0; i < 200; i++) {
            status(live.call("GET", "/proxies", null), 200);
        }
    }

    private static void status(RawHttp.Response r, int expected) {
        assertThat(r.status()).as(r.body()).isEqualTo(expected);
    }
}
