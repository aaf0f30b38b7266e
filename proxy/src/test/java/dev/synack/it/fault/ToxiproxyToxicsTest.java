package dev.synack.it.fault;

import static dev.synack.testkit.FaultSpecs.named;
import static dev.synack.testkit.FaultSpecs.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.synack.config.FaultStream;
import dev.synack.net.Transport;
import dev.synack.observe.CloseReason;
import dev.synack.observe.ConnectionSummary;
import dev.synack.observe.Direction;
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
import dev.synack.testkit.ScriptedUpstream;
import dev.synack.testkit.TestConfigs;
import dev.synack.testkit.TestSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Toxiproxy's closing and cutting toxics through synack: {@code slow_close} delays the FIN, not the
 * bytes; {@code timeout} drops and ends the connection that long after the last chunk (and with 0,
 * only when removed); {@code reset_peer} resets both sockets that long after data, and not before data;
 * {@code slicer} delivers every byte in pieces; {@code limit_data} passes exactly N bytes, then FIN.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(EventsOnFailure.class)
class ToxiproxyToxicsTest {

    @EachTransport
    void slowCloseDelaysTheFinNotTheBytes(Transport transport) throws Exception {
        try (ScriptedUpstream service = ScriptedUpstream.start();
             RunningProxy proxy = RunningProxy.start(TestConfigs.proxy(transport, service.hostPort())
                     .withFaults(List.of(spec("slow_close", FaultStream.DOWNSTREAM, Map.of("delay", 300L)))))) {
            TestSocket client = proxy.connect();
            TestSocket upstream = service.nextConnection();
            long t0 = System.nanoTime();
            upstream.write("bye");
            upstream.shutdownOutput();
            assertThat(client.readText(3)).isEqualTo("bye");
            long dataMs = ms(t0);
            assertThat(client.readToEnd().ending()).isEqualTo(Ending.EOF);
            long finMs = ms(t0);
            assertThat(dataMs).as("the bytes pass at once (ms)").isLessThan(250);
            assertThat(finMs).as("the FIN waits 300 ms (ms)").isGreaterThanOrEqualTo(300);

            client.close();
            upstream.readToEnd();
            upstream.close();
            assertThat(proxy.observer().awaitSummaryOf(client.localAddress()).reason()).isEqualTo(CloseReason.SERVICE_FIN);
            assertThat(proxy.observer().awaitFaultApplied("slow_close").side()).isEqualTo(Side.DOWNSTREAM);
        }
    }

    @EachTransport
    void timeoutDropsAndEndsTheConnectionAfterTheLastChunk(Transport transport) throws Exception {
        try (ScriptedUpstream service = ScriptedUpstream.start();
             RunningProxy proxy = RunningProxy.start(TestConfigs.proxy(transport, service.hostPort())
                     .withFaults(List.of(spec("timeout", FaultStream.UPSTREAM, Map.of("timeout", 300L)))))) {
            TestSocket client = proxy.connect();
            TestSocket upstream = service.nextConnection();
            CompletableFuture<Received> atService = upstream.readToEndAsync();
            long t0 = System.nanoTime();
            client.write("into the void");
            assertThat(client.readToEnd().ending()).as("synack ends the connection with a FIN").isEqualTo(Ending.EOF);
            assertThat(ms(t0)).as("300 ms after the last chunk (ms)").isGreaterThanOrEqualTo(300);
            Received r = atService.get(10, TimeUnit.SECONDS);
            assertThat(r.bytes()).as("the service got none of it").isZero();
            assertThat(r.ending()).isEqualTo(Ending.EOF);

            client.close();
            upstream.close();
            ConnectionSummary s = proxy.observer().awaitSummaryOf(client.localAddress());
            assertThat(s.reason()).isEqualTo(CloseReason.FAULT);
            assertThat(s.discarded(Direction.CLIENT_TO_SERVICE)).isEqualTo(13);
            assertThat(proxy.observer().awaitFaultApplied("timeout").side()).isEqualTo(Side.UPSTREAM);
        }
    }

    @EachTransport
    void timeoutZeroHoldsUntilRemovedAndRemovalEndsTheConnection(Transport transport) throws Exception {
        try (ScriptedUpstream service = ScriptedUpstream.start();
             RunningProxy proxy = RunningProxy.start(TestConfigs.proxy(transport, service.hostPort())
                     .withFaults(List.of(named("hold", "timeout", FaultStream.UPSTREAM, Map.of("timeout", 0L)))))) {
            TestSocket client = proxy.connect();
            TestSocket upstream = service.nextConnection();
            CompletableFuture<Received> atService = upstream.readToEndAsync();
            CompletableFuture<Received> atClient = client.readToEndAsync();
            client.write("dropped");
            await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(5))
                    .until(() -> !atClient.isDone() && !atService.isDone() && proxy.activeSessions() == 1);

            proxy.synack().registry().removeFault(TestConfigs.PROXY, "hold");
            assertThat(atClient.get(10, TimeUnit.SECONDS).ending()).isEqualTo(Ending.EOF);
            Received r = atService.get(10, TimeUnit.SECONDS);
            assertThat(r.ending()).isEqualTo(Ending.EOF);
            assertThat(r.bytes()).isZero();

            client.close();
            upstream.close();
            assertThat(proxy.observer().awaitSummaryOf(client.localAddress()).reason()).isEqualTo(CloseReason.FAULT);
            assertThat(proxy.observer().awaitFaultApplied("timeout").fault()).isEqualTo("hold");
        }
    }

    @EachTransport
    void resetPeerResetsBothSocketsAfterDataNotBefore(Transport transport) throws Exception {
        try (ScriptedUpstream service = ScriptedUpstream.start();
             RunningProxy proxy = RunningProxy.start(TestConfigs.proxy(transport, service.hostPort())
                     .withFaults(List.of(spec("reset_peer", FaultStream.UPSTREAM, Map.of("timeout", 200L)))))) {
            TestSocket client = proxy.connect();
            TestSocket upstream = service.nextConnection();
            CompletableFuture<Received> atService = upstream.readToEndAsync();
            CompletableFuture<Received> atClient = client.readToEndAsync();
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                    .until(() -> !atClient.isDone() && !atService.isDone());

            long t0 = System.nanoTime();
            client.write("x");
            Received c = atClient.get(10, TimeUnit.SECONDS);
            long resetMs = ms(t0);
            assertThat(c.ending()).as("the client gets ECONNRESET (%s)", c).isEqualTo(Ending.RESET);
            assertThat(resetMs).as("200 ms after the data (ms)").isGreaterThanOrEqualTo(200);
            Received s = atService.get(10, TimeUnit.SECONDS);
            assertThat(s.ending()).as("the service too (%s)", s).isEqualTo(Ending.RESET);
            assertThat(s.bytes()).isZero();

            ConnectionSummary sum = proxy.observer().awaitSummaryOf(client.localAddress());
            assertThat(sum.reason()).isEqualTo(CloseReason.FAULT);
            assertThat(proxy.observer().events(Kind.RESET_SENT, sum.id())).extracting(e -> e.side())
                    .containsExactlyInAnyOrder(Side.UPSTREAM, Side.DOWNSTREAM);
            assertThat(proxy.observer().awaitFaultApplied("reset_peer").side()).isEqualTo(Side.UPSTREAM);
        }
    }

    @EachTransport
    void slicerDeliversEveryByteInPieces(Transport transport) throws Exception {
        Payload payload = Payload.of(4000, 5);
        try (HashingService service = HashingService.source(payload);
             RunningProxy proxy = RunningProxy.start(TestConfigs.proxy(transport, service.hostPort())
                     .withFaults(List.of(spec("slicer", FaultStream.DOWNSTREAM,
                             Map.of("average_size", 200L, "size_variation", 50L, "delay", 5000L)))))) {
            TestSocket client = proxy.connect();
            Arrivals a = Arrivals.of(client);
            assertThat(a.received().digest()).isEqualTo(payload.digest());
            assertThat(a.received().ending()).isEqualTo(Ending.EOF);
            // At least 16 pieces of at most 250 bytes, 5 ms apart: a reader sees many small reads over ~80 ms.
            assertThat(a.sizes()).as("bytes per read").hasSizeGreaterThanOrEqualTo(8);
            assertThat(TimeUnit.NANOSECONDS.toMillis(a.spanNanos())).as("first to last piece (ms)").isGreaterThanOrEqualTo(50);

            client.close();
            assertThat(proxy.observer().awaitSummaryOf(client.localAddress()).reason()).isEqualTo(CloseReason.SERVICE_FIN);
            assertThat(proxy.observer().awaitFaultApplied("slicer").side()).isEqualTo(Side.DOWNSTREAM);
        }
    }

    @EachTransport
    void limitDataPassesExactlyThatManyBytesThenEnds(Transport transport) throws Exception {
        try (HashingService service = HashingService.source(Payload.of(5000, 6));
             RunningProxy proxy = RunningProxy.start(TestConfigs.proxy(transport, service.hostPort())
                     .withFaults(List.of(spec("limit_data", FaultStream.DOWNSTREAM, Map.of("bytes", 1000L)))))) {
            TestSocket client = proxy.connect();
            Received got = client.readToEnd();
            assertThat(got.digest()).as("the first 1000 bytes, no more").isEqualTo(Payload.of(1000, 6).digest());
            assertThat(got.ending()).isEqualTo(Ending.EOF);

            client.close();
            assertThat(proxy.observer().awaitSummaryOf(client.localAddress()).reason()).isEqualTo(CloseReason.FAULT);
            assertThat(proxy.observer().awaitFaultApplied("limit_data").side()).isEqualTo(Side.DOWNSTREAM);
        }
    }

    private static long ms(long since) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since);
    }
}
