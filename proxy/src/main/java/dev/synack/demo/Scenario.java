package dev.synack.demo;

import dev.synack.observe.CloseReason;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * The five connections the demo drives, each with the proxy it goes through and the close reason the
 * proxy should report. Every client runs on plain JDK sockets with a read timeout, so a wrong proxy
 * shows up as a failed check, never a hang.
 */
enum Scenario {
    HTTP_GET("a", DemoConfig.HTTP, "GET through the http proxy, the response, then the client closes", CloseReason.CLIENT_FIN) {
        @Override
        ClientOutcome drive(Socket s, DemoServices services) throws IOException {
            byte[] request = REQUEST.getBytes(StandardCharsets.US_ASCII);
            s.getOutputStream().write(request);
            byte[] response = s.getInputStream().readNBytes(HttpResponder.RESPONSE.length());
            boolean whole = new String(response, StandardCharsets.US_ASCII).equals(HttpResponder.RESPONSE);
            return new ClientOutcome(request.length, response.length,
                    whole ? "got 200 OK, then closed" : "got an unexpected response, then closed", whole);
        }
    },
    HALF_CLOSE("b", DemoConfig.ECHO, "half-close: the client sends 64 KiB and shuts down its output; "
            + "the echo service answers after that FIN", CloseReason.CLIENT_FIN) {
        @Override
        ClientOutcome drive(Socket s, DemoServices services) throws IOException {
            byte[] payload = payload(64 * 1024);
            s.getOutputStream().write(payload);
            s.shutdownOutput();
            byte[] back = s.getInputStream().readAllBytes();
            boolean same = Arrays.equals(payload, back);
            return new ClientOutcome(payload.length, back.length,
                    same ? "then EOF; all of it came back" : "then EOF; NOT what was sent", same);
        }
    },
    CLIENT_RESET("c", DemoConfig.ECHO, "the client sends 4 KiB, then resets (SO_LINGER 0 + close) "
            + "before the service answers", CloseReason.CLIENT_RST) {
        @Override
        ClientOutcome drive(Socket s, DemoServices services) throws IOException, InterruptedException {
            long before = services.echo.received();
            byte[] payload = payload(4 * 1024);
            s.getOutputStream().write(payload);
            // Reset only once the bytes crossed the proxy, so the RST hits a fully relaying session.
            boolean arrived = services.echo.awaitReceived(before + payload.length, TIMEOUT);
            s.setSoLinger(true, 0);
            s.close();
            return new ClientOutcome(payload.length, 0,
                    arrived ? "then sent RST" : "then sent RST (the bytes never reached the service)", arrived);
        }
    },
    UPSTREAM_REFUSED("d", DemoConfig.REFUSED, "the proxy's upstream refuses every connect "
            + "(a port nothing listens on)", CloseReason.UPSTREAM_UNREACHABLE) {
        @Override
        ClientOutcome drive(Socket s, DemoServices services) throws IOException {
            try {
                int b = s.getInputStream().read();
                return new ClientOutcome(0, b < 0 ? 0 : 1, b < 0 ? "then EOF from synack" : "then a byte from nowhere", false);
            } catch (SocketException e) {
                return new ClientOutcome(0, 0, "then reset by synack", true);
            }
        }
    },
    FAULTS("e", DemoConfig.FAULTY, "faults: two GETs on one connection through the faulty proxy, whose latency "
            + "delays each response by 100 ms and whose reset_peer resets the connection 50 ms after the second "
            + "response begins", CloseReason.FAULT) {
        @Override
        ClientOutcome drive(Socket s, DemoServices services) throws IOException {
            byte[] request = REQUEST.getBytes(StandardCharsets.US_ASCII);
            long t0 = System.nanoTime();
            s.getOutputStream().write(request);
            byte[] response = s.getInputStream().readNBytes(HttpResponder.RESPONSE.length());
            long firstMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            boolean whole = new String(response, StandardCharsets.US_ASCII).equals(HttpResponder.RESPONSE);
            long t1 = System.nanoTime();
            s.getOutputStream().write(request);
            try {
                int b = s.getInputStream().read();
                return new ClientOutcome(2L * request.length, response.length + (b < 0 ? 0 : 1),
                        "got 200 OK after " + firstMs + " ms, then " + (b < 0 ? "EOF" : "a byte") + " instead of a reset", false);
            } catch (SocketException e) {
                long resetMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t1);
                boolean timely = firstMs >= LATENCY_MS && resetMs >= LATENCY_MS + RESET_MS;
                return new ClientOutcome(2L * request.length, response.length, "got 200 OK after " + firstMs
                        + " ms (latency " + LATENCY_MS + " ms), then reset by synack " + resetMs
                        + " ms after the second GET (latency + " + RESET_MS + " ms)", whole && timely);
            }
        }
    };

    /** The faulty proxy's faults, as config/demo.yaml sets them. */
    static final long LATENCY_MS = 100;
    static final long RESET_MS = 50;

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final String REQUEST = "GET / HTTP/1.1\r\nHost: demo\r\nUser-Agent: synack-demo\r\nAccept: */*\r\n\r\n";

    final String label;
    final String proxy;
    final String title;
    final CloseReason expected;

    Scenario(String label, String proxy, String title, CloseReason expected) {
        this.label = label;
        this.proxy = proxy;
        this.title = title;
        this.expected = expected;
    }

    /** Connects to {@code proxyAddress}, plays the scenario, and closes; a client failure becomes the outcome. */
    ClientOutcome run(InetSocketAddress proxyAddress, DemoServices services) throws InterruptedException {
        try (Socket s = new Socket()) {
            s.connect(proxyAddress, (int) TIMEOUT.toMillis());
            s.setSoTimeout((int) TIMEOUT.toMillis());
            return drive(s, services);
        } catch (IOException e) {
            return ClientOutcome.failed(e);
        }
    }

    abstract ClientOutcome drive(Socket s, DemoServices services) throws IOException, InterruptedException;

    private static byte[] payload(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) ('a' + i % 26);
        }
        return b;
    }
}
