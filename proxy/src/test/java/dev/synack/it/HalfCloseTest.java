package dev.synack.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.net.Transport;
import dev.synack.observe.CloseReason;
import dev.synack.observe.ConnectionSummary;
import dev.synack.observe.Peer;
import dev.synack.observe.Side;
import dev.synack.testkit.Digest;
import dev.synack.testkit.EachTransport;
import dev.synack.testkit.EventsOnFailure;
import dev.synack.testkit.Ending;
import dev.synack.testkit.Payload;
import dev.synack.testkit.Received;
import dev.synack.testkit.RecordingObserver;
import dev.synack.testkit.RecordingObserver.Event;
import dev.synack.testkit.RecordingObserver.Kind;
import dev.synack.testkit.RunningProxy;
import dev.synack.testkit.ScriptedUpstream;
import dev.synack.testkit.TestConfigs;
import dev.synack.testkit.TestSocket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A FIN travels one way only: after one peer half-closes, the other direction keeps carrying data (at
 * least 1 MiB) until its own FIN, and the session records who closed first.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(EventsOnFailure.class)
class HalfCloseTest {
    private static final Payload REQUEST = Payload.of(10_000, 11);
    private static final Payload RESPONSE = Payload.mebibytes(2, 12);
    private static final Payload AFTERWARDS = Payload.mebibytes(2, 13);

    @EachTransport
    void clientHalfClosesThenServiceAnswersAndCloses(Transport transport) throws Exception {
        try (ScriptedUpstream service = ScriptedUpstream.start();
             RunningProxy proxy = RunningProxy.start(TestConfigs.proxy(transport, service.hostPort()))) {
            TestSocket client = proxy.connect();
            CompletableFuture<Received> atClient = client.readToEndAsync();
            Digest request = client.write(REQUEST);
            client.shutdownOutput();

            TestSocket upstream = service.nextConnection();
            Received atService = upstream.readToEnd();
            assertThat(atService.ending()).as("the service sees the client's FIN").isEqualTo(Ending.EOF);
            assertThat(atService.digest()).isEqualTo(request);

            Digest response = upstream.write(RESPONSE);
            upstream.close();

            Received got = atClient.get(30, TimeUnit.SECONDS);
            assertThat(got.ending()).isEqualTo(Ending.EOF);
            assertThat(got.digest()).as("data sent after the client's FIN").isEqualTo(response);
            client.close();

            ConnectionSummary s = proxy.observer().awaitSummaryOf(client.localAddress());
            assertThat(s.reason()).isEqualTo(CloseReason.CLIENT_FIN);
            assertThat(s.closedFirst()).isEqualTo(Peer.CLIENT);
            assertThat(s.bytesClientToService()).isEqualTo(REQUEST.length());
            assertThat(s.bytesServiceToClient()).isEqualTo(RESPONSE.length());
            assertFinTravelsBehindItsData(proxy.observer(), s.id(), Side.DOWNSTREAM);
        }
    }

    @EachTransport
    void serviceHalfClosesFirstAndClientKeepsSending(Transport transport) throws Exception {
        try (ScriptedUpstream service = ScriptedUpstream.start();
             RunningProxy proxy = RunningProxy.start(TestConfigs.proxy(transport, service.hostPort()))) {
            TestSocket client = proxy.connect();
            CompletableFuture<Received> atClient = client.readToEndAsync();
            TestSocket upstream = service.nextConnection();
            Digest greeting = upstream.write(RESPONSE);
            upstream.shutdownOutput();

            Received got = atClient.get(30, TimeUnit.SECONDS);
            assertThat(got.ending()).as("the client sees the service's FIN").isEqualTo(Ending.EOF);
            assertThat(got.digest()).isEqualTo(greeting);

            CompletableFuture<Received> atService = upstream.readToEndAsync();
            Digest late = client.write(AFTERWARDS);
            client.shutdownOutput();
            Received arrived = atService.get(30, TimeUnit.SECONDS);
            assertThat(arrived.ending()).isEqualTo(Ending.EOF);
            assertThat(arrived.digest()).as("data sent after the service's FIN").isEqualTo(late);
            upstream.close();
            client.close();

            ConnectionSummary s = proxy.observer().awaitSummaryOf(client.localAddress());
            assertThat(s.reason()).isEqualTo(CloseReason.SERVICE_FIN);
            assertThat(s.closedFirst()).isEqualTo(Peer.SERVICE);
            assertThat(s.bytesServiceToClient()).isEqualTo(RESPONSE.length());
            assertThat(s.bytesClientToService()).isEqualTo(AFTERWARDS.length());
            assertFinTravelsBehindItsData(proxy.observer(), s.id(), Side.UPSTREAM);
        }
    }

    /** The first FIN is read on {@code first} and sent on the other side before the second FIN is read. */
    private static void assertFinTravelsBehindItsData(RecordingObserver observer, long session, Side first) {
        List<Event> fins = observer.events().stream()
                .filter(e -> e.connection() == session && (e.kind() == Kind.FIN_READ || e.kind() == Kind.FIN_SENT))
                .toList();
        assertThat(fins).extracting(Event::kind, Event::side).containsSubsequence(
                org.assertj.core.groups.Tuple.tuple(Kind.FIN_READ, first),
                org.assertj.core.groups.Tuple.tuple(Kind.FIN_SENT, first.other()),
                org.assertj.core.groups.Tuple.tuple(Kind.FIN_READ, first.other()),
                org.assertj.core.groups.Tuple.tuple(Kind.FIN_SENT, first));
    }
}
