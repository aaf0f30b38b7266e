package dev.synack.it.fault;

import static dev.synack.testkit.FaultSpecs.live;
import static dev.synack.testkit.FaultSpecs.triggered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.synack.config.ConfigException;
import dev.synack.config.FaultStream;
import dev.synack.config.TriggerSpec;
import dev.synack.fault.FaultRegistry;
import dev.synack.mirror.model.LinuxTcpState;
import dev.synack.net.Transport;
import dev.synack.observe.CloseReason;
import dev.synack.observe.ConnectionSummary;
import dev.synack.observe.Side;
import dev.synack.proxy.ProxyServer;
import dev.synack.proxy.RegistryException;
import dev.synack.testkit.EachTransport;
import dev.synack.testkit.EchoServer;
import dev.synack.testkit.Ending;
import dev.synack.testkit.EventsOnFailure;
import dev.synack.testkit.KernelSockets;
import dev.synack.testkit.RecordingObserver.Kind;
import dev.synack.testkit.RunningProxy;
import dev.synack.testkit.TestConfigs;
import dev.synack.testkit.TestSocket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The faults that act in the kernel, through synack: {@code silent_drop} (synack's socket vanishes; the
 * client stays ESTABLISHED to nobody until its next write draws an RST) and {@code blackhole} (the
 * client's kernel retransmits into the void; the nftables rule goes when the fault is removed and when
 * the session ends). They need root, and blackhole the nft binary; silent_drop needs epoll or io_uring.
 * Where they cannot run, synack refuses them at start and the test says so and is skipped.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(EventsOnFailure.class)
class SilentDropAndBlackholeTest {

    @EachTransport
    void silentDropLeavesTheClientEstablishedToNobodyUntilItWrites(Transport transport) throws Exception {
        try (EchoServer echo = EchoServer.start()) {
            // The round trip's 5 bytes pass; then synack's client socket vanishes.
            TestConfigs config = TestConfigs.proxy(transport, echo.hostPort()).withFaults(List.of(
                    triggered("silent_drop", FaultStream.DOWNSTREAM, TriggerSpec.afterBytes(5), Map.of())));
            Optional<String> missing = FaultRegistry.find("silent_drop").orElseThrow().missing(transport.isNative());
            if (missing.isPresent()) {
                assertThatThrownBy(() -> RunningProxy.start(config)).isInstanceOf(ConfigException.class)
                        .hasMessageContaining(missing.get());
                try (RunningProxy proxy = RunningProxy.start(TestConfigs.proxy(transport, echo.hostPort()))) {
                    assertThatThrownBy(() -> proxy.synack().registry().addFault(TestConfigs.PROXY,
                            live("drop", "silent_drop", FaultStream.DOWNSTREAM, Map.of())))
                            .isInstanceOf(RegistryException.class).hasMessage("fault drop cannot run here: " + missing.get());
                }
                Assumptions.abort("silent_drop cannot run here, and synack refuses it at start and live: " + missing.get());
            }
            try (RunningProxy proxy = RunningProxy.start(config)) {
                TestSocket client = proxy.connect();
                InetSocketAddress c = client.localAddress();
                InetSocketAddress p = proxy.address();
                assertThat(client.roundTrip("hello")).isEqualTo("hello");

                ConnectionSummary s = proxy.observer().awaitSummaryOf(c);
                assertThat(s.reason()).isEqualTo(CloseReason.FAULT);
                assertThat(KernelSockets.row(p, c)).as("synack's socket, gone without FIN or RST").isEmpty();
                assertThat(KernelSockets.state(c, p)).as("the client's socket").contains(LinuxTcpState.ESTABLISHED);
                assertThat(proxy.observer().events(Kind.RESET_SENT, s.id())).extracting(e -> e.side()).doesNotContain(Side.DOWNSTREAM);
                assertThat(proxy.observer().events(Kind.FIN_SENT, s.id())).extracting(e -> e.side()).doesNotContain(Side.DOWNSTREAM);

                client.write("anyone there?");
                assertThat(client.readToEnd().ending()).as("the next write meets an RST").isEqualTo(Ending.RESET);
                assertThat(proxy.observer().awaitFaultApplied("silent_drop").side()).isEqualTo(Side.DOWNSTREAM);
            }
        }
    }

    @EachTransport
    void blackholeMakesTheClientRetransmitAndItsRuleGoesWithTheFaultAndTheSession(Transport transport) throws Exception {
        Optional<String> missing = FaultRegistry.find("blackhole").orElseThrow().missing(transport.isNative());
        Assumptions.assumeTrue(missing.isEmpty(), () -> "blackhole cannot run here: " + missing.orElse(""));
        try (EchoServer echo = EchoServer.start();
             RunningProxy proxy = RunningProxy.start(TestConfigs.proxy(transport, echo.hostPort()))) {
            TestSocket client = proxy.connect();
            InetSocketAddress c = client.localAddress();
            InetSocketAddress p = proxy.address();
            assertThat(client.roundTrip("hello")).isEqualTo("hello");

            proxy.synack().registry().addFault(TestConfigs.PROXY, live("hole", "blackhole", FaultStream.DOWNSTREAM, Map.of()));
            await().atMost(Duration.ofSeconds(10)).until(() -> ruleFor(c));
            long before = KernelSockets.totalRetransmits(c, p);
            client.write("into the void");
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                    .until(() -> KernelSockets.totalRetransmits(c, p) >= before + 2);
            assertThat(KernelSockets.state(c, p)).contains(LinuxTcpState.ESTABLISHED);
            assertThat(proxy.observer().awaitFaultApplied("blackhole").side()).isEqualTo(Side.DOWNSTREAM);

            proxy.synack().registry().removeFault(TestConfigs.PROXY, "hole");
            await().atMost(Duration.ofSeconds(10)).until(() -> !ruleFor(c));
            assertThat(client.readText(13)).as("a retransmission gets through once the rule is gone").isEqualTo("into the void");

            proxy.synack().registry().addFault(TestConfigs.PROXY, live("hole", "blackhole", FaultStream.DOWNSTREAM, Map.of()));
            await().atMost(Duration.ofSeconds(10)).until(() -> ruleFor(c));
            ProxyServer server = proxy.synack().registry().get(TestConfigs.PROXY).orElseThrow();
            long id = proxy.observer().awaitEvent(Kind.ACCEPTED).connection();
            assertThat(server.reset(id, CloseReason.RESET_BY_API)).isTrue();
            assertThat(proxy.observer().awaitSummaryOf(c).reason()).isEqualTo(CloseReason.RESET_BY_API);
            await().atMost(Duration.ofSeconds(10)).until(() -> !ruleFor(c));
        }
    }

    /** Whether synack's nftables table holds an element naming the client's port. */
    private static boolean ruleFor(InetSocketAddress client) throws IOException, InterruptedException {
        Process nft = new ProcessBuilder("nft", "list", "table", "inet", "synack").redirectErrorStream(true).start();
        String out = new String(nft.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        nft.waitFor(10, TimeUnit.SECONDS);
        return out.contains(". " + client.getPort() + " ");
    }

}
