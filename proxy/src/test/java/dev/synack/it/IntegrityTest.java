package dev.synack.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.net.Transport;
import dev.synack.observe.CloseReason;
import dev.synack.observe.ConnectionSummary;
import dev.synack.observe.Peer;
import dev.synack.testkit.Digest;
import dev.synack.testkit.EachTransport;
import dev.synack.testkit.EventsOnFailure;
import dev.synack.testkit.Ending;
import dev.synack.testkit.HashingService;
import dev.synack.testkit.Payload;
import dev.synack.testkit.Received;
import dev.synack.testkit.RunningProxy;
import dev.synack.testkit.TestConfigs;
import dev.synack.testkit.TestSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every byte arrives, in order, in both directions at once: 256 MiB each way, SHA-256 compared at both ends. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@ExtendWith(EventsOnFailure.class)
class IntegrityTest {
    private static final Payload UP = Payload.mebibytes(256, 1);
    private static final Payload DOWN = Payload.mebibytes(256, 2);

    @EachTransport
    void bothDirectionsAtOnceArriveIntact(Transport transport) throws Exception {
        try (HashingService service = HashingService.duplex(DOWN);
             RunningProxy proxy = RunningProxy.start(TestConfigs.proxy(transport, service.hostPort()))) {
            TestSocket client = proxy.connect();
            CompletableFuture<Received> down = client.readToEndAsync();
            Digest sent = client.write(UP);
            client.shutdownOutput();

            Received atClient = down.get(90, TimeUnit.SECONDS);
            HashingService.Exchange atService = service.awaitExchange(90);
            client.close();

            assertThat(atService.received().ending()).isEqualTo(Ending.EOF);
            assertThat(atService.received().digest()).as("client → service").isEqualTo(sent);
            assertThat(atService.sendFailure()).isNull();
            assertThat(atClient.ending()).isEqualTo(Ending.EOF);
            assertThat(atClient.digest()).as("service → client").isEqualTo(atService.sent());
            assertThat(atClient.bytes()).isEqualTo(DOWN.length());

            ConnectionSummary s = proxy.observer().awaitClosed(1).get(0);
            assertThat(s.bytesClientToService()).isEqualTo(UP.length());
            assertThat(s.bytesServiceToClient()).isEqualTo(DOWN.length());
            assertThat(s.reason()).isIn(CloseReason.CLIENT_FIN, CloseReason.SERVICE_FIN);
            assertThat(s.closedFirst()).isEqualTo(s.reason() == CloseReason.CLIENT_FIN ? Peer.CLIENT : Peer.SERVICE);
        }
    }
}
