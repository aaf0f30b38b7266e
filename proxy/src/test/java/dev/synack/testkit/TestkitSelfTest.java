package dev.synack.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synack.config.HostPort;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The fixtures checked without synack in between, so a failing integration test points at the relay:
 * FIN and RST are told apart, digests match, the black hole swallows SYNs, the refused port refuses.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TestkitSelfTest {

    @Test
    void payloadsAreDeterministicAndSeedDependent() {
        assertThat(Payload.of(100_000, 1).digest()).isEqualTo(Payload.of(100_000, 1).digest());
        assertThat(Payload.of(100_000, 1).digest()).isNotEqualTo(Payload.of(100_000, 2).digest());
        assertThat(Payload.of(100_001, 1).digest().bytes()).isEqualTo(100_001);
    }

    @Test
    void aDuplexExchangeHashesBothDirections() throws Exception {
        Payload up = Payload.mebibytes(8, 1);
        Payload down = Payload.mebibytes(8, 2);
        try (HashingService service = HashingService.duplex(down); TestSocket client = TestSocket.connect(service.address())) {
            CompletableFuture<Received> atClient = client.readToEndAsync();
            Digest sent = client.write(up);
            client.shutdownOutput();
            HashingService.Exchange atService = service.awaitExchange(30);
            assertThat(atService.received().digest()).isEqualTo(sent).isEqualTo(up.digest());
            assertThat(atClient.get(30, TimeUnit.SECONDS).digest()).isEqualTo(atService.sent()).isEqualTo(down.digest());
        }
    }

    @Test
    void finIsSeenAsEofAndResetAsReset() throws Exception {
        try (ScriptedUpstream service = ScriptedUpstream.start();
             TestSocket a = TestSocket.connect(service.address());
             TestSocket b = TestSocket.connect(service.address())) {
            TestSocket first = service.nextConnection();
            TestSocket second = service.nextConnection();
            // the service may serve the two in either order: pair them by address
            boolean inOrder = first.channel().socket().getRemoteSocketAddress().equals(a.localAddress());
            TestSocket peerA = inOrder ? first : second;
            TestSocket peerB = inOrder ? second : first;
            peerA.write("bye");
            peerA.shutdownOutput();
            peerB.reset();
            Received fin = a.readToEnd();
            Received rst = b.readToEnd();
            assertThat(fin.ending()).isEqualTo(Ending.EOF);
            assertThat(fin.bytes()).isEqualTo(3);
            assertThat(rst.ending()).as("%s", rst).isEqualTo(Ending.RESET);
        }
    }

    @Test
    void slowReadingStopsAtEachStep() throws Exception {
        try (HashingService service = HashingService.source(Payload.of(1000, 3)); TestSocket client = TestSocket.connect(service.address())) {
            java.util.List<Long> steps = new java.util.ArrayList<>();
            Received r = client.readToEnd(300, steps::add);
            assertThat(steps).containsExactly(300L, 600L, 900L);
            assertThat(r.digest()).isEqualTo(Payload.of(1000, 3).digest());
        }
    }

    @Test
    void theBlackHoleNeverCompletesAHandshake() throws Exception {
        try (BlackHole hole = BlackHole.start(); Socket s = new Socket()) {
            assertThatThrownBy(() -> s.connect(hole.address(), 300)).isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void theRefusedPortRefuses() throws Exception {
        HostPort port = RefusedPort.find();
        assertThatThrownBy(() -> TestSocket.connect(new InetSocketAddress(port.host(), port.port())))
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void clientsCanComeFromOtherLoopbackAddresses() throws Exception {
        try (EchoServer echo = EchoServer.start(); TestSocket c = TestSocket.connectFrom("127.0.0.2", echo.address())) {
            assertThat(c.localAddress().getAddress().getHostAddress()).isEqualTo("127.0.0.2");
            assertThat(c.roundTrip("hi")).isEqualTo("hi");
        }
    }
}
