package dev.synack.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.synack.net.Transport;
import dev.synack.observe.CloseReason;
import dev.synack.observe.ConnectionSummary;
import dev.synack.observe.Peer;
import dev.synack.testkit.EachTransport;
import dev.synack.testkit.EventsOnFailure;
import dev.synack.testkit.EchoServer;
import dev.synack.testkit.Ending;
import dev.synack.testkit.HashingService;
import dev.synack.testkit.Payload;
import dev.synack.testkit.Received;
import dev.synack.testkit.RunningProxy;
import dev.synack.testkit.TestConfigs;
import dev.synack.testkit.TestSocket;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Graceful shutdown: the listener stops at once, sessions in flight finish on their own within the drain
 * deadline, and whatever is still open at the deadline is reset and ends with SHUTDOWN.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(EventsOnFailure.class)
class ShutdownTest {
    private static final Payload TRANSFER = Payload.mebibytes(32, 21);
    private static final long FIRST_CHUNK = 1024 * 1024;

    @EachTransport
    void aTransferInFlightCompletesWhileNewConnectionsAreRefused(Transport transport) throws Exception {
        try (HashingService service = HashingService.source(TRANSFER);
             RunningProxy proxy = RunningProxy.start(TestConfigs.proxy(transport, service.hostPort()))) {
            InetSocketAddress listener = proxy.address();
            TestSocket client = proxy.connect();
            AtomicReference<CompletableFuture<Void>> shutdown = new AtomicReference<>();

            // After the first MiB, start the shutdown and hold reading until the listener is gone, so the
            // shutdown certainly begins while most of the transfer is still on its way.
            Received got = client.readToEnd(FIRST_CHUNK, total -> {
                if (shutdown.get() == null) {
                    shutdown.set(CompletableFuture.runAsync(() -> proxy.shutdown(Duration.ofSeconds(10))));
                    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                            .until(() -> isRefused(listener));
                }
            });
            client.close();

            assertThat(shutdown.get()).as("shutdown was started during the transfer").isNotNull();
            assertThat(got.ending()).isEqualTo(Ending.EOF);
            assertThat(got.digest()).as("the transfer in flight").isEqualTo(TRANSFER.digest());
            assertThat(isRefused(listener)).as("still refusing new connections").isTrue();
            shutdown.get().get(15, TimeUnit.SECONDS);

            ConnectionSummary s = proxy.observer().awaitSummaryOf(client.localAddress());
            assertThat(s.reason()).as("the session ended on its own").isEqualTo(CloseReason.SERVICE_FIN);
            assertThat(s.bytesServiceToClient()).isEqualTo(TRANSFER.length());
        }
    }

    @EachTransport
    void aSessionStillOpenAtTheDeadlineIsReset(Transport transport) throws Exception {
        try (EchoServer echo = EchoServer.start();
             RunningProxy proxy = RunningProxy.start(TestConfigs.proxy(transport, echo.hostPort()))) {
            TestSocket client = proxy.connect();
            assertThat(client.roundTrip("idle from now on")).isEqualTo("idle from now on");
            CompletableFuture<Received> end = client.readToEndAsync();

            proxy.shutdown(Duration.ofMillis(300));

            Received r = end.get(10, TimeUnit.SECONDS);
            assertThat(r.ending()).as("what the idle client reads (%s)", r).isEqualTo(Ending.RESET);
            ConnectionSummary s = proxy.observer().awaitSummaryOf(client.localAddress());
            assertThat(s.reason()).isEqualTo(CloseReason.SHUTDOWN);
            assertThat(s.closedFirst()).isEqualTo(Peer.PROXY);
        }
    }

    /**
     * Whether a connect to the listener is refused. A connect that still gets through (the listener not
     * closed yet) is closed at once, before the service's data reaches it.
     */
    private static boolean isRefused(InetSocketAddress listener) {
        try (TestSocket probe = TestSocket.connect(listener)) {
            probe.reset();
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
