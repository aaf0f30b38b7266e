package dev.synack.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.synack.net.Transport;
import dev.synack.observe.CloseReason;
import dev.synack.testkit.EachTransport;
import dev.synack.testkit.EventsOnFailure;
import dev.synack.testkit.EchoServer;
import dev.synack.testkit.Ending;
import dev.synack.testkit.Received;
import dev.synack.testkit.RecordingObserver;
import dev.synack.testkit.RecordingObserver.Kind;
import dev.synack.testkit.RunningProxy;
import dev.synack.testkit.TestConfigs;
import dev.synack.testkit.TestSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Connections over max_connections or max_connections_per_client are reset at accept, never reach the
 * service and are reported as rejected with LIMIT; the others are served.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(EventsOnFailure.class)
class LimitsTest {

    @EachTransport
    void theConnectionOverMaxConnectionsIsReset(Transport transport) throws Exception {
        try (EchoServer echo = EchoServer.start();
             RunningProxy proxy = RunningProxy.start(TestConfigs.proxy(transport, echo.hostPort()).withMaxConnections(2))) {
            TestSocket first = proxy.connect();
            TestSocket second = proxy.connect();
            assertThat(first.roundTrip("one")).isEqualTo("one");
            assertThat(second.roundTrip("two")).isEqualTo("two");

            assertRejected(proxy, "127.0.0.1");
            assertThat(echo.acceptedCount()).as("connections that reached the service").isEqualTo(2);
            assertThat(proxy.activeSessions()).isEqualTo(2);

            first.close();
            await().atMost(Duration.ofSeconds(10)).until(() -> proxy.activeSessions() == 1);
            TestSocket fourth = proxy.connect();
            assertThat(fourth.roundTrip("four")).as("a free slot serves again").isEqualTo("four");
        }
    }

    @EachTransport
    void aClientOverItsOwnLimitIsResetWhileAnotherIsServed(Transport transport) throws Exception {
        try (EchoServer echo = EchoServer.start();
             RunningProxy proxy = RunningProxy.start(TestConfigs.proxy(transport, echo.hostPort()).withMaxConnectionsPerClient(2))) {
            TestSocket a1 = proxy.connectFrom("127.0.0.2");
            TestSocket a2 = proxy.connectFrom("127.0.0.2");
            assertThat(a1.roundTrip("a1")).isEqualTo("a1");
            assertThat(a2.roundTrip("a2")).isEqualTo("a2");

            assertRejected(proxy, "127.0.0.2");

            TestSocket b1 = proxy.connectFrom("127.0.0.3");
            TestSocket b2 = proxy.connectFrom("127.0.0.3");
            assertThat(b1.roundTrip("b1")).as("another client has its own quota").isEqualTo("b1");
            assertThat(b2.roundTrip("b2")).isEqualTo("b2");
            assertThat(proxy.activeSessions()).isEqualTo(4);
            assertThat(proxy.observer().events(Kind.REJECTED)).hasSize(1);
        }
    }

    /**
     * Slots go first come, first served: eight clients that connect one after another, with a per-client
     * limit of five, get the first five sessions and the last three resets, whichever event loop each
     * accepted socket lands on. Each rejection is recorded like any other connection end.
     */
    @EachTransport
    void slotsGoInArrivalOrder(Transport transport) throws Exception {
        try (EchoServer echo = EchoServer.start();
             RunningProxy proxy = RunningProxy.start(TestConfigs.proxy(transport, echo.hostPort()).withMaxConnectionsPerClient(5))) {
            java.util.List<TestSocket> clients = new java.util.ArrayList<>();
            for (int i = 0; i < 5; i++) {
                clients.add(proxy.connectFrom("127.0.0.4"));
            }
            // The last three are reset at accept, which can come before a blocking connect() returns: their
            // connects are started in order without waiting, and finished when they are read.
            java.util.List<TestSocket> late = new java.util.ArrayList<>();
            for (int i = 5; i < 8; i++) {
                TestSocket s = TestSocket.bound("127.0.0.4");
                s.channel().configureBlocking(false);
                s.channel().connect(proxy.address());
                late.add(s);
            }
            for (int i = 0; i < 5; i++) {
                assertThat(clients.get(i).roundTrip("c" + i)).as("client %d of 8", i + 1).isEqualTo("c" + i);
            }
            for (int i = 5; i < 8; i++) {
                try (TestSocket s = late.get(i - 5)) {
                    assertThat(finishAndRead(s).ending()).as("client %d of 8", i + 1).isEqualTo(Ending.RESET);
                }
            }
            assertThat(proxy.observer().events(Kind.REJECTED)).hasSize(3)
                    .allSatisfy(e -> assertThat(e.reason()).isEqualTo(CloseReason.LIMIT));
        }
    }

    /** Completes a connect started without blocking, then reads to the end; a reset during the connect is a reset read. */
    private static Received finishAndRead(TestSocket s) {
        try {
            s.channel().configureBlocking(true);
            s.channel().finishConnect();
        } catch (java.io.IOException e) {
            return new Received(dev.synack.testkit.Payload.EMPTY.digest(), Ending.of(e), e);
        }
        return s.readToEnd();
    }

    /** Connects one more client from {@code localIp} and checks that synack turned it away. */
    private static void assertRejected(RunningProxy proxy, String localIp) throws Exception {
        TestSocket client = TestSocket.bound(localIp);
        Received r = CompletableFuture.supplyAsync(() -> client.connectAndReadToEnd(proxy.address())).get(10, TimeUnit.SECONDS);
        client.close();
        assertThat(r.ending()).as("what the client over the limit reads (%s)", r).isEqualTo(Ending.RESET);
        RecordingObserver.Event rejected = proxy.observer().awaitEvent(Kind.REJECTED,
                e -> RecordingObserver.sameEndpoint(e.address(), client.localAddress()));
        assertThat(rejected.reason()).isEqualTo(CloseReason.LIMIT);
        assertThat(proxy.observer().events(Kind.ACCEPTED)).noneMatch(
                e -> RecordingObserver.sameEndpoint(e.address(), client.localAddress()));
    }
}
