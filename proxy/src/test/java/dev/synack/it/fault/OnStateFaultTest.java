package dev.synack.it.fault;

import static dev.synack.testkit.FaultSpecs.triggered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.synack.config.ConfigError;
import dev.synack.config.ConfigException;
import dev.synack.config.FaultSpec;
import dev.synack.config.FaultStream;
import dev.synack.config.MirrorSpec;
import dev.synack.config.OnStateSpec;
import dev.synack.config.TriggerSpec;
import dev.synack.mirror.MirrorEngine;
import dev.synack.net.Transport;
import dev.synack.observe.CloseReason;
import dev.synack.proxy.RegistryException;
import dev.synack.testkit.EachTransport;
import dev.synack.testkit.EchoServer;
import dev.synack.testkit.Ending;
import dev.synack.testkit.EventsOnFailure;
import dev.synack.testkit.FaultSpecs;
import dev.synack.testkit.Payload;
import dev.synack.testkit.Received;
import dev.synack.testkit.RunningProxy;
import dev.synack.testkit.ScriptedUpstream;
import dev.synack.testkit.TestConfigs;
import dev.synack.testkit.TestSocket;
import dev.synack.testkit.Transports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code trigger: {on_state: ...}} through synack with the mirror on: an upload passes untouched until the
 * service half-closes (synack's socket to it enters CLOSE_WAIT), then {@code reset_peer} resets it; nothing
 * stays registered once the fault is removed or the connection ends; with the mirror off the trigger is an
 * error at start and when added live.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(EventsOnFailure.class)
class OnStateFaultTest {
    private static final MirrorSpec MIRROR_ON = MirrorSpec.DEFAULT.withEnabled(true);
    private static final TriggerSpec UPSTREAM_CLOSE_WAIT = TriggerSpec.onState(OnStateSpec.Socket.UPSTREAM, "CLOSE_WAIT");
    private static final FaultSpec RESET_AT_CLOSE_WAIT = triggered("reset_peer", FaultStream.UPSTREAM, UPSTREAM_CLOSE_WAIT,
            Map.of("timeout", 0));
    private static final String NEEDS_MIRROR = "trigger.on_state: {\"socket\":\"upstream\",\"state\":\"CLOSE_WAIT\"} "
            + "(expected: the mirror on (mirror: {enabled: true} at the top of the config): on_state fires on the socket "
            + "states the mirror engine follows, and the mirror is off)";

    @EachTransport
    void anUploadPassesUntouchedUntilTheServiceHalfClosesThenIsReset(Transport transport) throws Exception {
        Payload before = Payload.of(300_000, 1);
        Payload after = Payload.of(100_000, 2);
        try (ScriptedUpstream service = ScriptedUpstream.start();
             RunningProxy proxy = RunningProxy.start(TestConfigs.proxy(transport, service.hostPort()).withMirror(MIRROR_ON)
                     .withFaults(List.of(RESET_AT_CLOSE_WAIT)))) {
            TestSocket client = proxy.connect();
            TestSocket upstream = service.nextConnection();
            // The service reads the whole upload; once it has the first part it half-closes: its FIN puts synack's
            // socket to it in CLOSE_WAIT.
            CompletableFuture<Received> atService = CompletableFuture.supplyAsync(() -> upstream.readToEnd(before.length(), total -> {
                if (total == before.length()) {
                    shutdownOutput(upstream);
                }
            }));
            assertThat(client.write(before)).isEqualTo(before.digest());
            assertThat(client.readToEnd().ending()).as("the service's FIN, passed on").isEqualTo(Ending.EOF);
            proxy.observer().awaitFaultApplied("reset_peer");

            CompletableFuture<Void> rest = CompletableFuture.runAsync(() -> writeIgnoringReset(client, after));
            Received got = atService.get(20, TimeUnit.SECONDS);
            assertThat(got.digest()).as("every byte before the state, untouched").isEqualTo(before.digest());
            assertThat(got.ending()).as("then an RST instead of the rest of the upload").isEqualTo(Ending.RESET);
            rest.get(20, TimeUnit.SECONDS);
            assertThat(proxy.observer().awaitSummaryOf(client.localAddress()).reason()).isEqualTo(CloseReason.FAULT);
            await().atMost(Duration.ofSeconds(10)).until(() -> mirror(proxy).stateWatches() == 0);
        }
    }

    @Test
    void nothingWaitsOnceTheFaultIsRemovedOrTheConnectionEnds() throws Exception {
        Transport transport = Transports.available().findFirst().orElseThrow();
        try (EchoServer echo = EchoServer.start();
             RunningProxy proxy = RunningProxy.start(TestConfigs.proxy(transport, echo.hostPort()).withMirror(MIRROR_ON)
                     .withFaults(List.of(RESET_AT_CLOSE_WAIT)))) {
            TestSocket first = proxy.connect();
            TestSocket second = proxy.connect();
            assertThat(first.roundTrip("a")).isEqualTo("a");
            assertThat(second.roundTrip("b")).isEqualTo("b");
            await().atMost(Duration.ofSeconds(10)).until(() -> mirror(proxy).stateWatches() == 2);

            first.reset(); // no FIN from the service: the trigger never fires, the connection just ends
            proxy.observer().awaitSummaryOf(first.localAddress());
            await().atMost(Duration.ofSeconds(10)).until(() -> mirror(proxy).stateWatches() == 1);
            proxy.synack().registry().removeFault(TestConfigs.PROXY, FaultSpec.defaultName("reset_peer", FaultStream.UPSTREAM));
            assertThat(mirror(proxy).stateWatches()).isZero();
            assertThat(second.roundTrip("c")).isEqualTo("c");
        }
    }

    @Test
    void withTheMirrorOffItIsAnErrorAtStartAndWhenAddedLive() throws Exception {
        Transport transport = Transports.available().findFirst().orElseThrow();
        try (EchoServer echo = EchoServer.start()) {
            ConfigException e = catchThrowableOfType(ConfigException.class, () -> RunningProxy.start(
                    TestConfigs.proxy(transport, echo.hostPort()).withFaults(List.of(RESET_AT_CLOSE_WAIT))));
            assertThat(e.errors()).extracting(ConfigError::toString).containsExactly("proxies[0].faults[0]." + NEEDS_MIRROR);

            try (RunningProxy proxy = RunningProxy.start(TestConfigs.proxy(transport, echo.hostPort()))) {
                RegistryException r = catchThrowableOfType(RegistryException.class,
                        () -> proxy.synack().registry().addFault(TestConfigs.PROXY, FaultSpecs.live(RESET_AT_CLOSE_WAIT)));
                assertThat(r.errors()).extracting(ConfigError::toString).containsExactly(NEEDS_MIRROR);
                assertThat(proxy.synack().registry().get(TestConfigs.PROXY).orElseThrow().faults()).isEmpty();
            }
        }
    }

    private static MirrorEngine mirror(RunningProxy proxy) {
        return proxy.synack().mirror().orElseThrow();
    }

    private static void shutdownOutput(TestSocket s) {
        try {
            s.shutdownOutput();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The upload's rest: the reset may reach the client while it writes, and that is the point. */
    private static void writeIgnoringReset(TestSocket client, Payload p) {
        try {
            client.write(p);
            client.shutdownOutput();
        } catch (IOException e) {
            // reset by synack
        }
    }
}
