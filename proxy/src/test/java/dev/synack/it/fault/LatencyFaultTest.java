package dev.synack.it.fault;

import static dev.synack.testkit.FaultSpecs.named;
import static dev.synack.testkit.FaultSpecs.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.synack.config.FaultSpec;
import dev.synack.config.FaultStream;
import dev.synack.fault.LatencyBudget;
import dev.synack.net.Transport;
import dev.synack.observe.CloseReason;
import dev.synack.observe.Side;
import dev.synack.testkit.EachTransport;
import dev.synack.testkit.EchoServer;
import dev.synack.testkit.Ending;
import dev.synack.testkit.EventsOnFailure;
import dev.synack.testkit.HashingService;
import dev.synack.testkit.Payload;
import dev.synack.testkit.Received;
import dev.synack.testkit.RunningProxy;
import dev.synack.testkit.ScriptedUpstream;
import dev.synack.testkit.TestConfigs;
import dev.synack.testkit.TestSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code latency} through synack: every round trip of many is at least the latency configured on its
 * path and its median within a few ms of it; one-way on one stream, on both streams, and stacked
 * latencies add up; the FIN leaves behind the bytes it follows; a long stream pays the latency once; a
 * fast stream holds all it needs in flight, with no window per connection capping it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(EventsOnFailure.class)
class LatencyFaultTest {
    private static final int SAMPLES = 20;
    /** How far above the configured latency a round trip's median may be on a loaded 2-core machine. */
    private static final long SLACK_MS = 40;

    @EachTransport
    void oneWayLatencyDelaysEveryResponse(Transport transport) throws Exception {
        roundTrips(transport, List.of(spec("latency", FaultStream.DOWNSTREAM, Map.of("latency", 50L))), 50);
    }

    @EachTransport
    void latenciesOnBothStreamsAndStackedOnOneAddUp(Transport transport) throws Exception {
        roundTrips(transport, List.of(
                named("up", "latency", FaultStream.UPSTREAM, Map.of("latency", 20L)),
                named("down1", "latency", FaultStream.DOWNSTREAM, Map.of("latency", 15L)),
                named("down2", "latency", FaultStream.DOWNSTREAM, Map.of("latency", 15L))), 50);
    }

    private static void roundTrips(Transport transport, List<FaultSpec> faults, long expectedMs) throws Exception {
        try (EchoServer echo = EchoServer.start();
             RunningProxy proxy = RunningProxy.start(TestConfigs.proxy(transport, echo.hostPort()).withFaults(faults))) {
            TestSocket client = proxy.connect();
            client.roundTrip("warm-up");
            long[] ms = new long[SAMPLES];
            for (int i = 0; i < SAMPLES; i++) {
                long t0 = System.nanoTime();
                assertThat(client.roundTrip("ping " + i)).isEqualTo("ping " + i);
                ms[i] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            }
            Arrays.sort(ms);
            assertThat(ms[0]).as("the quickest of %d round trips (ms): %s", SAMPLES, Arrays.toString(ms)).isGreaterThanOrEqualTo(expectedMs);
            assertThat(ms[SAMPLES / 2]).as("the median round trip (ms): %s", Arrays.toString(ms))
                    .isLessThanOrEqualTo(expectedMs + SLACK_MS);

            client.shutdownOutput();
            assertThat(client.readToEnd().ending()).isEqualTo(Ending.EOF);
            assertThat(proxy.observer().awaitSummaryOf(client.localAddress()).reason()).isEqualTo(CloseReason.CLIENT_FIN);
            for (FaultSpec f : faults) {
                Side side = f.stream() == FaultStream.UPSTREAM ? Side.UPSTREAM : Side.DOWNSTREAM;
                assertThat(proxy.observer().faultsApplied("latency")).as("fault applied events")
                        .anyMatch(e -> e.side() == side && e.fault().equals(f.name() == null ? "latency_downstream" : f.name()));
            }
        }
    }

    @EachTransport
    void theFinLeavesBehindTheDelayedBytes(Transport transport) throws Exception {
        try (ScriptedUpstream service = ScriptedUpstream.start();
             RunningProxy proxy = RunningProxy.start(TestConfigs.proxy(transport, service.hostPort())
                     .withFaults(List.of(spec("latency", FaultStream.DOWNSTREAM, Map.of("latency", 300L)))))) {
            TestSocket client = proxy.connect();
            TestSocket upstream = service.nextConnection();
            long t0 = System.nanoTime();
            upstream.write("the last words");
            upstream.shutdownOutput();

            assertThat(client.readText(14)).isEqualTo("the last words");
            long dataMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            Received rest = client.readToEnd();
            long finMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertThat(dataMs).as("the bytes wait out the latency").isGreaterThanOrEqualTo(300);
            assertThat(rest.ending()).isEqualTo(Ending.EOF);
            assertThat(rest.bytes()).isZero();
            assertThat(finMs).as("the FIN, behind them").isGreaterThanOrEqualTo(300);

            client.close();
            assertThat(upstream.readToEnd().ending()).isEqualTo(Ending.EOF);
            upstream.close();
            assertThat(proxy.observer().awaitSummaryOf(client.localAddress()).reason()).isEqualTo(CloseReason.SERVICE_FIN);
            assertThat(proxy.observer().awaitFaultApplied("latency").side()).isEqualTo(Side.DOWNSTREAM);
        }
    }

    @EachTransport
    void aLongStreamPaysTheLatencyOnceNotPerChunk(Transport transport) throws Exception {
        Payload payload = Payload.mebibytes(16, 7);
        try (HashingService service = HashingService.source(payload);
             RunningProxy proxy = RunningProxy.start(TestConfigs.proxy(transport, service.hostPort())
                     .withFaults(List.of(spec("latency", FaultStream.DOWNSTREAM, Map.of("latency", 100L)))))) {
            TestSocket client = proxy.connect();
            long t0 = System.nanoTime();
            Received got = client.readToEnd();
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertThat(got.digest()).isEqualTo(payload.digest());
            assertThat(got.ending()).isEqualTo(Ending.EOF);
            // 16 MiB is over 100 reads of at most 128 KiB: a latency paid per chunk would take over 10 s.
            assertThat(ms).as("16 MiB behind a 100 ms latency (ms)").isBetween(100L, 5_000L);
            client.close();
            assertThat(proxy.observer().awaitSummaryOf(client.localAddress()).reason()).isEqualTo(CloseReason.SERVICE_FIN);
            assertThat(proxy.observer().awaitFaultApplied("latency").side()).isEqualTo(Side.DOWNSTREAM);
        }
    }

    @Test
    void aFastStreamIsNotCappedByAWindowPerConnection() throws Exception {
        // Through 2 s, the 64 MiB a connection used to hold at most capped a stream at 32 MiB/s, and held the
        // rest of 96 MiB back until the first bytes left; now all of it is in flight at once (the budget of
        // the test JVM, half its direct memory, is about 480 MiB).
        long latencyMs = 2000;
        Payload payload = Payload.mebibytes(96, 11);
        LatencyBudget budget = LatencyBudget.shared();
        try (HashingService service = HashingService.source(payload);
             RunningProxy proxy = RunningProxy.start(TestConfigs.proxy(Transport.EPOLL, service.hostPort())
                     .withFaults(List.of(spec("latency", FaultStream.DOWNSTREAM, Map.of("latency", latencyMs)))))) {
            TestSocket client = proxy.connect();
            long t0 = System.nanoTime();
            CompletableFuture<Received> got = client.readToEndAsync();
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(5))
                    .untilAsserted(() -> assertThat(budget.held()).as("bytes in flight").isGreaterThan(80L << 20));
            Received received = got.get(30, TimeUnit.SECONDS);
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertThat(received.digest()).isEqualTo(payload.digest());
            assertThat(received.ending()).isEqualTo(Ending.EOF);
            assertThat(ms).as("96 MiB behind 2 s (ms)").isGreaterThanOrEqualTo(latencyMs);
            client.close();
            assertThat(proxy.observer().awaitSummaryOf(client.localAddress()).reason()).isEqualTo(CloseReason.SERVICE_FIN);
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(budget.held()).isLessThan(1L << 20));
    }
}
