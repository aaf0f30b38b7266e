package dev.synack.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code synack demo --serve}: after the report it keeps serving and reports connections it did not make. */
class DemoServeTest {
    private static final Pattern CURL = Pattern.compile("curl -v http://127\\.0\\.0\\.1:(\\d+)/");

    @Test
    void servesAndReportsAForeignConnectionUntilStopped() throws Exception {
        StringWriter text = new StringWriter();
        CountDownLatch stop = new CountDownLatch(1);
        CompletableFuture<Boolean> demo = CompletableFuture.supplyAsync(() -> {
            try {
                return new Demo(new PrintWriter(text, true)).run(true, () -> {
                    stop.await();
                    return "stopped by the test";
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> CURL.matcher(text.toString()).find() || demo.isDone());
            Matcher m = CURL.matcher(text.toString());
            assertThat(m.find()).as(text.toString()).isTrue();

            try (Socket s = new Socket("127.0.0.1", Integer.parseInt(m.group(1)))) {
                s.setSoTimeout(10_000);
                s.getOutputStream().write("GET / HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                assertThat(new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo(HttpResponder.RESPONSE);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> text.toString().contains("(*) a connection through proxy http"));
            assertThat(text.toString()).contains("close reason   service_fin");
        } finally {
            stop.countDown();
        }
        // Whether the scripted connections went as expected is DemoTest's business; here: it stops when told.
        assertThat(demo.get(60, TimeUnit.SECONDS)).as(text.toString()).isNotNull();
        assertThat(text.toString()).contains("stopped by the test: stopping (open connections get up to 2s)");
    }
}
