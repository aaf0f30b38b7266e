package dev.synack.it.fault;

import static dev.synack.testkit.FaultSpecs.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.synack.config.FaultStream;
import dev.synack.mirror.model.LinuxTcpState;
import dev.synack.net.Transport;
import dev.synack.observe.CloseReason;
import dev.synack.observe.ConnectionSummary;
import dev.synack.observe.Side;
import dev.synack.testkit.EachTransport;
import dev.synack.testkit.Ending;
import dev.synack.testkit.EventsOnFailure;
import dev.synack.testkit.KernelSockets;
import dev.synack.testkit.Payload;
import dev.synack.testkit.Received;
import dev.synack.testkit.RecordingObserver.Kind;
import dev.synack.testkit.RunningProxy;
import dev.synack.testkit.ScriptedUpstream;
import dev.synack.testkit.TestConfigs;
import dev.synack.testkit.TestSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * synack's FIN faults through synack, with the kernel's socket states read from /proc: {@code hold_fin}
 * (the client waits in FIN_WAIT_2, synack's client socket in CLOSE_WAIT, until the delay passes),
 * {@code drop_fin} (the same, for good) and {@code rst_on_fin} (every byte, then an RST instead of the
 * FIN).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(EventsOnFailure.class)
class FinFaultsTest {
    private static final long HOLD_MS = 1500;

    @EachTransport
    void holdFinKeepsTheClientInFinWait2UntilTheDelayPasses(Transport transport) throws Exception {
        try (ScriptedUpstream service = ScriptedUpstream.start();
             RunningProxy proxy = RunningProxy.start(TestConfigs.proxy(transport, service.hostPort())
                     .withFaults(List.of(spec("hold_fin", FaultStream.UPSTREAM, Map.of("delay", HOLD_MS)))))) {
            TestSocket client = proxy.connect();
            TestSocket upstream = service.nextConnection();
            CompletableFuture<Received> atService = upstream.readToEndAsync();
            long t0 = System.nanoTime();
            client.write("hi");
            client.shutdownOutput();

            awaitHalfClosed(client.localAddress(), proxy.address());
            assertThat(atService).as("the service has not seen the FIN yet").isNotDone();
            Received r = atService.get(10, TimeUnit.SECONDS);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).as("the FIN's delay (ms)").isGreaterThanOrEqualTo(HOLD_MS);
            assertThat(r.ending()).isEqualTo(Ending.EOF);
            assertThat(r.bytes()).isEqualTo(2);

            upstream.close();
            assertThat(client.readToEnd().ending()).isEqualTo(Ending.EOF);
            assertThat(proxy.observer().awaitSummaryOf(client.localAddress()).reason()).isEqualTo(CloseReason.CLIENT_FIN);
            assertThat(proxy.observer().awaitFaultApplied("hold_fin").side()).isEqualTo(Side.UPSTREAM);
        }
    }

    @EachTransport
    void dropFinNeverPassesTheFin(Transport transport) throws Exception {
        try (ScriptedUpstream service = ScriptedUpstream.start();
             RunningProxy proxy = RunningProxy.start(TestConfigs.proxy(transport, service.hostPort())
                     .withFaults(List.of(spec("drop_fin", FaultStream.UPSTREAM, Map.of()))))) {
            TestSocket client = proxy.connect();
            TestSocket upstream = service.nextConnection();
            client.write("hi");
            client.shutdownOutput();
            assertThat(upstream.readText(2)).isEqualTo("hi");
            CompletableFuture<Received> atService = upstream.readToEndAsync();

            awaitHalfClosed(client.localAddress(), proxy.address());
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> !atService.isDone()
                    && KernelSockets.state(client.localAddress(), proxy.address()).equals(Optional.of(LinuxTcpState.FIN_WAIT2)));

            // The session never ends on its own: the service gives up with an RST, which reaches the client.
            upstream.reset();
            assertThat(client.readToEnd().ending()).isEqualTo(Ending.RESET);
            assertThat(proxy.observer().awaitSummaryOf(client.localAddress()).reason()).isEqualTo(CloseReason.SERVICE_RST);
            assertThat(proxy.observer().awaitFaultApplied("drop_fin").side()).isEqualTo(Side.UPSTREAM);
        }
    }

    @EachTransport
    void rstOnFinDeliversEveryByteThenResets(Transport transport) throws Exception {
        Payload payload = Payload.of(100_000, 8);
        try (ScriptedUpstream service = ScriptedUpstream.start();
             RunningProxy proxy = RunningProxy.start(TestConfigs.proxy(transport, service.hostPort())
                     .withFaults(List.of(spec("rst_on_fin", FaultStream.DOWNSTREAM, Map.of()))))) {
            TestSocket client = proxy.connect();
            TestSocket upstream = service.nextConnection();
            CompletableFuture<Received> atClient = client.readToEndAsync();
            upstream.write(payload);
            upstream.shutdownOutput();

            Received got = atClient.get(10, TimeUnit.SECONDS);
            assertThat(got.digest()).as("every byte before the FIN").isEqualTo(payload.digest());
            assertThat(got.ending()).as("then an RST where the FIN was").isEqualTo(Ending.RESET);
            assertThat(upstream.readToEnd().ending()).as("the service is reset too").isEqualTo(Ending.RESET);

            ConnectionSummary s = proxy.observer().awaitSummaryOf(client.localAddress());
            assertThat(s.reason()).isEqualTo(CloseReason.FAULT);
            assertThat(proxy.observer().events(Kind.RESET_SENT, s.id())).extracting(e -> e.side()).contains(Side.DOWNSTREAM);
            assertThat(proxy.observer().events(Kind.FIN_SENT, s.id())).isEmpty();
            assertThat(proxy.observer().awaitFaultApplied("rst_on_fin").side()).isEqualTo(Side.DOWNSTREAM);
        }
    }

    /** The client's FIN was ACKed by synack's kernel and not answered: client FIN_WAIT_2, synack's socket CLOSE_WAIT. */
    static void awaitHalfClosed(InetSocketAddress client, InetSocketAddress proxy) {
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).until(() ->
                KernelSockets.state(client, proxy).equals(Optional.of(LinuxTcpState.FIN_WAIT2))
                        && KernelSockets.state(proxy, client).equals(Optional.of(LinuxTcpState.CLOSE_WAIT)));
    }
}
