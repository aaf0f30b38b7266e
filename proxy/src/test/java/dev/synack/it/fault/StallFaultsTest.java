package dev.synack.it.fault;

import static dev.synack.testkit.FaultSpecs.named;
import static dev.synack.testkit.FaultSpecs.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.synack.config.FaultStream;
import dev.synack.net.ProcNetTcp;
import dev.synack.net.Transport;
import dev.synack.observe.CloseReason;
import dev.synack.observe.Side;
import dev.synack.testkit.Digest;
import dev.synack.testkit.EachTransport;
import dev.synack.testkit.Ending;
import dev.synack.testkit.EventsOnFailure;
import dev.synack.testkit.KernelSockets;
import dev.synack.testkit.Payload;
import dev.synack.testkit.Received;
import dev.synack.testkit.RecordingObserver.Event;
import dev.synack.testkit.RecordingObserver.Kind;
import dev.synack.testkit.RunningProxy;
import dev.synack.testkit.ScriptedUpstream;
import dev.synack.testkit.Specs;
import dev.synack.testkit.TestConfigs;
import dev.synack.testkit.TestSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The faults that stop a direction without closing it, through synack: {@code hang_after} (after N
 * bytes or T ms nothing more arrives, not even the FIN, and nothing is closed) and {@code zero_window}
 * (synack stops reading, so the sender's kernel sees a zero window and probes it; removing the fault
 * lets every byte through).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(EventsOnFailure.class)
class StallFaultsTest {

    @EachTransport
    void hangAfterBytesPassesThemThenNothingAndNeverCloses(Transport transport) throws Exception {
        Payload payload = Payload.of(5000, 9);
        try (ScriptedUpstream service = ScriptedUpstream.start();
             RunningProxy proxy = RunningProxy.start(TestConfigs.proxy(transport, service.hostPort())
                     .withFaults(List.of(spec("hang_after", FaultStream.DOWNSTREAM, Map.of("bytes", 1000L)))))) {
            TestSocket client = proxy.connect();
            TestSocket upstream = service.nextConnection();
            upstream.write(payload);
            upstream.shutdownOutput();

            byte[] first = client.readExactly(1000);
            assertThat(first).isEqualTo(Arrays.copyOf(bytes(payload), 1000));
            assertNothingMoreArrives(client, proxy);

            client.reset();
            assertThat(proxy.observer().awaitSummaryOf(client.localAddress()).reason()).isEqualTo(CloseReason.CLIENT_RST);
            assertThat(proxy.observer().awaitFaultApplied("hang_after").side()).isEqualTo(Side.DOWNSTREAM);
        }
    }

    @EachTransport
    void hangAfterTimePassesEarlierBytesNotLaterOnes(Transport transport) throws Exception {
        try (ScriptedUpstream service = ScriptedUpstream.start();
             RunningProxy proxy = RunningProxy.start(TestConfigs.proxy(transport, service.hostPort())
                     .withFaults(List.of(spec("hang_after", FaultStream.DOWNSTREAM, Map.of("after", 300L)))))) {
            TestSocket client = proxy.connect();
            TestSocket upstream = service.nextConnection();
            upstream.write("before");
            assertThat(client.readText(6)).isEqualTo("before");

            // The fault started on the connection at accept; the service writes again once 300 ms have passed.
            Event applied = proxy.observer().awaitFaultApplied("hang_after");
            await().atMost(Duration.ofSeconds(5)).until(() -> System.nanoTime() - applied.nanos() > TimeUnit.MILLISECONDS.toNanos(400));
            upstream.write("after");
            upstream.shutdownOutput();
            assertNothingMoreArrives(client, proxy);

            client.reset();
            assertThat(proxy.observer().awaitSummaryOf(client.localAddress()).reason()).isEqualTo(CloseReason.CLIENT_RST);
        }
    }

    @EachTransport
    void zeroWindowMakesTheSendersKernelProbeAndRemovalResumes(Transport transport) throws Exception {
        Payload payload = Payload.mebibytes(8, 10);
        try (ScriptedUpstream service = ScriptedUpstream.start();
             RunningProxy proxy = RunningProxy.start(TestConfigs.proxy(transport, service.hostPort())
                     // a small receive buffer on synack's service socket fills in moments
                     .withUpstreamSocket(Specs.of("rcvbuf", 64 * 1024))
                     .withFaults(List.of(named("zw", "zero_window", FaultStream.DOWNSTREAM, Map.of()))))) {
            TestSocket client = proxy.connect();
            TestSocket upstream = service.nextConnection();
            CompletableFuture<Received> atClient = client.readToEndAsync();
            CompletableFuture<Digest> sent = upstream.writeAsync(payload);
            InetSocketAddress serviceSide = (InetSocketAddress) upstream.channel().getLocalAddress();
            InetSocketAddress synackSide = (InetSocketAddress) upstream.channel().getRemoteAddress();

            // The sender (the service's socket) has data queued, no window, and its zero-window-probe timer armed.
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(() ->
                    KernelSockets.row(serviceSide, synackSide).map(r -> r.timer() == ProcNetTcp.Row.TIMER_ZERO_WINDOW_PROBE
                            && r.txQueue() > 0).orElse(false));
            assertThat(sent).as("the service's writes are stuck").isNotDone();
            assertThat(proxy.observer().awaitFaultApplied("zero_window").side()).isEqualTo(Side.DOWNSTREAM);

            proxy.synack().registry().removeFault(TestConfigs.PROXY, "zw");
            assertThat(sent.get(20, TimeUnit.SECONDS)).isEqualTo(payload.digest());
            upstream.shutdownOutput();
            Received got = atClient.get(20, TimeUnit.SECONDS);
            assertThat(got.digest()).isEqualTo(payload.digest());
            assertThat(got.ending()).isEqualTo(Ending.EOF);

            client.close();
            upstream.readToEnd();
            upstream.close();
            assertThat(proxy.observer().awaitSummaryOf(client.localAddress()).reason()).isEqualTo(CloseReason.SERVICE_FIN);
        }
    }

    /** For half a second the client gets no byte and no FIN, and the session stays open. */
    private static void assertNothingMoreArrives(TestSocket client, RunningProxy proxy) throws Exception {
        client.channel().configureBlocking(false);
        ByteBuffer one = ByteBuffer.allocate(1);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                .until(() -> client.channel().read(one.clear()) == 0 && proxy.activeSessions() == 1);
        client.channel().configureBlocking(true);
        assertThat(proxy.observer().events(Kind.CLOSED)).isEmpty();
    }

    private static byte[] bytes(Payload p) {
        ByteBuffer all = ByteBuffer.allocate((int) p.length());
        ByteBuffer chunk = ByteBuffer.allocateDirect(Payload.CHUNK);
        Payload.Generator g = p.generator();
        while (g.fill(chunk)) {
            all.put(chunk);
        }
        return all.array();
    }
}
