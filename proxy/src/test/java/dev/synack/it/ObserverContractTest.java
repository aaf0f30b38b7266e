package dev.synack.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.net.Transport;
import dev.synack.observe.ConnectionSummary;
import dev.synack.testkit.EachTransport;
import dev.synack.testkit.EchoServer;
import dev.synack.testkit.EventsOnFailure;
import dev.synack.testkit.RecordingObserver;
import dev.synack.testkit.RecordingObserver.Event;
import dev.synack.testkit.RecordingObserver.Kind;
import dev.synack.testkit.RefusedPort;
import dev.synack.testkit.RunningProxy;
import dev.synack.testkit.TestConfigs;
import dev.synack.testkit.TestSocket;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The shape of a session's event stream, which observers (mirror, metrics, access log) build on: it
 * opens with ACCEPTED, closes with exactly one CLOSED, and nothing of that session follows the CLOSED.
 * Checked for a session ending with FIN, with an RST, and with the upstream unreachable.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(EventsOnFailure.class)
class ObserverContractTest {

    @EachTransport
    void aSessionEndingWithFinClosesLast(Transport transport) throws Exception {
        try (EchoServer echo = EchoServer.start();
             RunningProxy proxy = RunningProxy.start(TestConfigs.proxy(transport, echo.hostPort()))) {
            TestSocket client = proxy.connect();
            assertThat(client.roundTrip("x")).isEqualTo("x");
            client.shutdownOutput();
            client.readToEnd();
            client.close();
            assertWellFormed(proxy.observer(), proxy.observer().awaitSummaryOf(client.localAddress()));
        }
    }

    @EachTransport
    void aSessionEndingWithResetClosesLast(Transport transport) throws Exception {
        try (EchoServer echo = EchoServer.start();
             RunningProxy proxy = RunningProxy.start(TestConfigs.proxy(transport, echo.hostPort()))) {
            TestSocket client = proxy.connect();
            assertThat(client.roundTrip("x")).isEqualTo("x");
            client.reset();
            assertWellFormed(proxy.observer(), proxy.observer().awaitSummaryOf(client.localAddress()));
        }
    }

    @EachTransport
    void anUnreachableSessionClosesLast(Transport transport) throws Exception {
        try (RunningProxy proxy = RunningProxy.start(TestConfigs.proxy(transport, RefusedPort.find()))) {
            // one attempt against a refused port: the RST can beat connect()'s return, so that counts as the ending too
            TestSocket client = TestSocket.bound("127.0.0.1");
            client.connectAndReadToEnd(proxy.address());
            client.close();
            assertWellFormed(proxy.observer(), proxy.observer().awaitSummaryOf(client.localAddress()));
        }
    }

    private static void assertWellFormed(RecordingObserver observer, ConnectionSummary summary) {
        List<Kind> kinds = observer.events().stream()
                .filter(e -> e.connection() == summary.id())
                .map(Event::kind)
                .toList();
        assertThat(kinds).as("events of session %d", summary.id()).first().isEqualTo(Kind.ACCEPTED);
        assertThat(kinds).as("events of session %d", summary.id()).last().isEqualTo(Kind.CLOSED);
        assertThat(kinds).as("events of session %d", summary.id()).containsOnlyOnce(Kind.CLOSED);
    }
}
