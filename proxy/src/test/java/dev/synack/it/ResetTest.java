package dev.synack.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.config.CloseAction;
import dev.synack.net.Transport;
import dev.synack.observe.CloseReason;
import dev.synack.observe.ConnectionSummary;
import dev.synack.observe.Peer;
import dev.synack.observe.Side;
import dev.synack.testkit.EachTransport;
import dev.synack.testkit.EventsOnFailure;
import dev.synack.testkit.Ending;
import dev.synack.testkit.Received;
import dev.synack.testkit.RecordingObserver.Kind;
import dev.synack.testkit.RunningProxy;
import dev.synack.testkit.ScriptedUpstream;
import dev.synack.testkit.TestConfigs;
import dev.synack.testkit.TestSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An RST read on one leg reaches the other leg as an RST (on_peer_reset: reset) or as a FIN
 * (on_peer_reset: close), and the session ends with CLIENT_RST or SERVICE_RST.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(EventsOnFailure.class)
class ResetTest {

    @EachTransport
    void clientResetReachesServiceAsReset(Transport transport) throws Exception {
        clientReset(transport, CloseAction.RESET, Ending.RESET);
    }

    @EachTransport
    void clientResetReachesServiceAsFinWhenConfiguredToClose(Transport transport) throws Exception {
        clientReset(transport, CloseAction.CLOSE, Ending.EOF);
    }

    @EachTransport
    void serviceResetReachesClientAsReset(Transport transport) throws Exception {
        serviceReset(transport, CloseAction.RESET, Ending.RESET);
    }

    @EachTransport
    void serviceResetReachesClientAsFinWhenConfiguredToClose(Transport transport) throws Exception {
        serviceReset(transport, CloseAction.CLOSE, Ending.EOF);
    }

    private static void clientReset(Transport transport, CloseAction onPeerReset, Ending atService) throws Exception {
        try (ScriptedUpstream service = ScriptedUpstream.start();
             RunningProxy proxy = RunningProxy.start(TestConfigs.proxy(transport, service.hostPort()).withOnPeerReset(onPeerReset))) {
            TestSocket client = proxy.connect();
            TestSocket upstream = connectedPair(client, service);
            CompletableFuture<Received> read = upstream.readToEndAsync();

            client.reset();

            Received r = read.get(20, TimeUnit.SECONDS);
            upstream.close(); // a service closes on EOF; synack waits for that FIN (bounded) before the session ends
            assertThat(r.ending()).as("what the service reads after the client's RST (%s)", r).isEqualTo(atService);
            ConnectionSummary s = proxy.observer().awaitSummaryOf(client.localAddress());
            assertThat(s.reason()).isEqualTo(CloseReason.CLIENT_RST);
            assertThat(s.closedFirst()).isEqualTo(Peer.CLIENT);
            assertThat(proxy.observer().events(Kind.RESET_READ, s.id())).extracting(e -> e.side()).contains(Side.DOWNSTREAM);
            if (onPeerReset == CloseAction.RESET) {
                assertThat(proxy.observer().events(Kind.RESET_SENT, s.id())).extracting(e -> e.side()).contains(Side.UPSTREAM);
            }
        }
    }

    private static void serviceReset(Transport transport, CloseAction onPeerReset, Ending atClient) throws Exception {
        try (ScriptedUpstream service = ScriptedUpstream.start();
             RunningProxy proxy = RunningProxy.start(TestConfigs.proxy(transport, service.hostPort()).withOnPeerReset(onPeerReset))) {
            TestSocket client = proxy.connect();
            TestSocket upstream = connectedPair(client, service);
            CompletableFuture<Received> read = client.readToEndAsync();

            upstream.reset();

            Received r = read.get(20, TimeUnit.SECONDS);
            client.close();
            assertThat(r.ending()).as("what the client reads after the service's RST (%s)", r).isEqualTo(atClient);
            ConnectionSummary s = proxy.observer().awaitSummaryOf(client.localAddress());
            assertThat(s.reason()).isEqualTo(CloseReason.SERVICE_RST);
            assertThat(s.closedFirst()).isEqualTo(Peer.SERVICE);
            assertThat(proxy.observer().events(Kind.RESET_READ, s.id())).extracting(e -> e.side()).contains(Side.UPSTREAM);
            if (onPeerReset == CloseAction.RESET) {
                assertThat(proxy.observer().events(Kind.RESET_SENT, s.id())).extracting(e -> e.side()).contains(Side.DOWNSTREAM);
            }
        }
    }

    /** Sends a few bytes client → service, so both legs are up and relaying before anyone resets. */
    private static TestSocket connectedPair(TestSocket client, ScriptedUpstream service) throws Exception {
        client.write("hello");
        TestSocket upstream = service.nextConnection();
        assertThat(upstream.readText(5)).isEqualTo("hello");
        return upstream;
    }
}
