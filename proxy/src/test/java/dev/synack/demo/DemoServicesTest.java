package dev.synack.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The built-in services on their own, without a proxy in front. */
class DemoServicesTest {
    private static final InetSocketAddress ANY_PORT = new InetSocketAddress("127.0.0.1", 0);

    @Test
    void echoAnswersOnlyAfterTheFinAndThenCloses() throws Exception {
        try (EchoService echo = new EchoService(ANY_PORT); Socket s = connect(echo)) {
            byte[] sent = "first part, second part".getBytes(StandardCharsets.US_ASCII);
            s.getOutputStream().write(sent);
            assertThat(echo.awaitReceived(sent.length, Duration.ofSeconds(10))).isTrue();
            // Nothing comes back before the FIN: the service is still reading.
            assertThat(s.getInputStream().available()).isZero();
            s.shutdownOutput();
            assertThat(s.getInputStream().readAllBytes()).isEqualTo(sent);
            assertThat(echo.received()).isEqualTo(sent.length);
        }
    }

    @Test
    void httpResponderKeepsTheConnectionForTheNextRequest() throws Exception {
        try (HttpResponder http = new HttpResponder(ANY_PORT); Socket s = connect(http)) {
            InputStream in = s.getInputStream();
            for (int i = 0; i < 2; i++) {
                s.getOutputStream().write(Scenario.REQUEST.getBytes(StandardCharsets.US_ASCII));
                byte[] response = in.readNBytes(HttpResponder.RESPONSE.length());
                assertThat(new String(response, StandardCharsets.US_ASCII)).isEqualTo(HttpResponder.RESPONSE);
            }
            s.getOutputStream().write("GET / HTTP/1.1\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo(HttpResponder.RESPONSE);
        }
    }

    @Test
    void theResponseIsWellFormedHttp() {
        String head = HttpResponder.RESPONSE.substring(0, HttpResponder.RESPONSE.indexOf("\r\n\r\n"));
        assertThat(head).startsWith("HTTP/1.1 200 OK\r\n").contains("Content-Length: " + HttpResponder.BODY.length());
    }

    private static Socket connect(LoopbackService service) throws Exception {
        Socket s = new Socket();
        s.connect(service.address(), 10_000);
        s.setSoTimeout(10_000);
        return s;
    }
}
