package dev.synack.it.fault;

import static dev.synack.testkit.FaultSpecs.named;
import static dev.synack.testkit.FaultSpecs.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.synack.config.FaultStream;
import dev.synack.net.Transport;
import dev.synack.observe.CloseReason;
import dev.synack.observe.Side;
import dev.synack.testkit.Arrivals;
import dev.synack.testkit.EachTransport;
import dev.synack.testkit.Ending;
import dev.synack.testkit.EventsOnFailure;
import dev.synack.testkit.HashingService;
import dev.synack.testkit.Payload;
import dev.synack.testkit.Received;
import dev.synack.testkit.RecordingObserver.Kind;
import dev.synack.testkit.RunningProxy;
import dev.synack.testkit.TestConfigs;
import dev.synack.testkit.TestSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code bandwidth} through synack: the client receives at the configured rate within ±10 % over more
 * than 2 s; {@code rate: 0} holds the stream, FIN included, without closing anything (Testcontainers'
 * "cut connection"), and removing the fault lets every byte through intact.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(EventsOnFailure.class)
class BandwidthFaultTest {
    private static final long RATE_KB = 500;

    @EachTransport
    void theClientReceivesAtTheRateWithinTenPercent(Transport transport) throws Exception {
        Payload payload = Payload.of(1_100_000, 3);
        try (HashingService service = HashingService.source(payload);
             RunningProxy proxy = RunningProxy.start(TestConfigs.proxy(transport, service.hostPort())
                     .withFaults(List.of(spec("bandwidth", FaultStream.DOWNSTREAM, Map.of("rate", RATE_KB)))))) {
            TestSocket client = proxy.connect();
            Arrivals a = Arrivals.of(client);
            assertThat(a.received().digest()).isEqualTo(payload.digest());
            assertThat(a.received().ending()).isEqualTo(Ending.EOF);
            // The first piece leaves at once; the rest is paced. Measured over what came after it.
            double seconds = a.spanNanos() / 1e9;
            double rate = (a.bytes() - a.sizes().get(0)) / seconds;
            assertThat(seconds).as("the transfer's length (s)").isGreaterThanOrEqualTo(2.0);
            assertThat(rate).as("bytes per second over %.2f s", seconds).isBetween(RATE_KB * 1000 * 0.9, RATE_KB * 1000 * 1.1);

            client.close();
            assertThat(proxy.observer().awaitSummaryOf(client.localAddress()).reason()).isEqualTo(CloseReason.SERVICE_FIN);
            assertThat(proxy.observer().awaitFaultApplied("bandwidth").side()).isEqualTo(Side.DOWNSTREAM);
        }
    }

    @EachTransport
    void rateZeroStallsWithoutClosingAndRemovalLetsEveryByteThrough(Transport transport) throws Exception {
        Payload payload = Payload.mebibytes(1, 4);
        try (HashingService service = HashingService.source(payload);
             RunningProxy proxy = RunningProxy.start(TestConfigs.proxy(transport, service.hostPort())
                     .withFaults(List.of(named("cut", "bandwidth", FaultStream.DOWNSTREAM, Map.of("rate", 0L)))))) {
            TestSocket client = proxy.connect();
            proxy.observer().awaitFaultApplied("bandwidth");
            client.channel().configureBlocking(false);
            ByteBuffer one = ByteBuffer.allocate(1);
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                    .until(() -> client.channel().read(one.clear()) == 0 && proxy.activeSessions() == 1);
            assertThat(proxy.observer().events(Kind.CLOSED)).as("nothing closed").isEmpty();
            client.channel().configureBlocking(true);

            CompletableFuture<Received> read = client.readToEndAsync();
            proxy.synack().registry().removeFault(TestConfigs.PROXY, "cut");
            Received got = read.get(20, TimeUnit.SECONDS);
            assertThat(got.digest()).isEqualTo(payload.digest());
            assertThat(got.ending()).isEqualTo(Ending.EOF);

            client.close();
            assertThat(proxy.observer().awaitSummaryOf(client.localAddress()).reason()).isEqualTo(CloseReason.SERVICE_FIN);
        }
    }
}
