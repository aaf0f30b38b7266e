package dev.synack.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

@TestMethodOrder(MethodOrderer.MethodName.class) // the cut runs first: the next test proves it was reset
class SlowServiceTest {
    static ServerSocket service; // an echo service, standing in for yours

    @BeforeAll
    static void startService() throws IOException {
        service = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread echo = new Thread(() -> {
            while (true) {
                try (Socket s = service.accept()) {
                    s.getInputStream().transferTo(s.getOutputStream());
                } catch (IOException closed) {
                    return;
                }
            }
        });
        echo.setDaemon(true);
        echo.start();
    }

    @RegisterExtension
    static final SynackExtension synack = SynackExtension.proxy("service", () -> "127.0.0.1:" + service.getLocalPort());

    @Test
    void aCutConnectionAnswersNothing() throws IOException {
        synack.proxy("service").cut();
        assertThrows(SocketTimeoutException.class, () -> roundTrip("hello"));
    }

    @Test
    void aSlowServiceIsSlow() throws IOException {
        synack.proxy("service").latency(300);
        long start = System.nanoTime();
        assertEquals("hello", roundTrip("hello"));
        assertTrue(System.nanoTime() - start >= 300_000_000L, "the answer took the latency");
    }

    /** One line through the proxy to the service and back, waiting a second at most. */
    private static String roundTrip(String line) throws IOException {
        try (Socket s = new Socket(synack.proxy("service").host(), synack.proxy("service").port())) {
            s.setSoTimeout(1000);
            new PrintWriter(s.getOutputStream(), true).println(line);
            return new BufferedReader(new InputStreamReader(s.getInputStream())).readLine();
        }
    }
}
