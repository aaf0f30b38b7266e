package dev.synack.it.fault;

import static dev.synack.testkit.FaultSpecs.forClients;
import static dev.synack.testkit.FaultSpecs.spec;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.synack.config.Cidr;
import dev.synack.config.FaultStream;
import dev.synack.net.TransportChoice;
import dev.synack.observe.CloseReason;
import dev.synack.testkit.EchoServer;
import dev.synack.testkit.Ending;
import dev.synack.testkit.EventsOnFailure;
import dev.synack.testkit.RecordingObserver.Kind;
import dev.synack.testkit.RunningProxy;
import dev.synack.testkit.TestConfigs;
import dev.synack.testkit.TestSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/**
 * Every fault applied is seen from outside: an observer event, a count in
 * {@code synack_faults_applied_total}, and a mention in the connection's log line (logger
 * {@code dev.synack.connections} at debug). A fault limited by {@code clients} acts on those clients only.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(EventsOnFailure.class)
class FaultObservabilityTest {

    @Test
    void aFaultAppliedIsAnEventACountAndPartOfTheConnectionsLogLine() throws Exception {
        Logger connections = (Logger) LoggerFactory.getLogger("dev.synack.connections");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        Level level = connections.getLevel();
        connections.setLevel(Level.DEBUG);
        connections.addAppender(lines);
        try (EchoServer echo = EchoServer.start();
             RunningProxy proxy = RunningProxy.start(TestConfigs.proxy(TransportChoice.available().get(0), echo.hostPort())
                     .withFaults(List.of(
                             spec("latency", FaultStream.DOWNSTREAM, Map.of("latency", 1L)),
                             forClients("refuse", FaultStream.UPSTREAM, List.of(Cidr.parse("127.0.0.2/32")), Map.of()))))) {
            try (TestSocket client = proxy.connect()) {
                assertThat(client.roundTrip("hi")).isEqualTo("hi");
                client.shutdownOutput();
                assertThat(client.readToEnd().ending()).isEqualTo(Ending.EOF);
                assertThat(proxy.observer().awaitSummaryOf(client.localAddress()).reason()).isEqualTo(CloseReason.CLIENT_FIN);
            }
            try (TestSocket other = TestSocket.bound("127.0.0.2")) {
                assertThat(other.connectAndReadToEnd(proxy.address()).ending()).as("127.0.0.2 is refused").isEqualTo(Ending.RESET);
            }
            proxy.observer().awaitEvent(Kind.REJECTED);

            assertThat(proxy.observer().faultsApplied("latency")).hasSize(1);
            assertThat(proxy.observer().faultsApplied("refuse")).hasSize(1);
            String scrape = proxy.synack().scrape().orElseThrow();
            assertThat(scrape).contains("synack_faults_applied_total{proxy=\"it\",type=\"latency\"} 1.0")
                    .contains("synack_faults_applied_total{proxy=\"it\",type=\"refuse\"} 1.0");
            List<String> logged = lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
            assertThat(logged).anyMatch(l -> l.contains(" closed: client_fin ")
                    && l.contains("faults: latency_downstream (latency, service_to_client);"));
            assertThat(logged).anyMatch(l -> l.equals("[it] fault refuse_upstream (refuse) applied at accept"));
            assertThat(logged).anyMatch(l -> l.contains("127.0.0.2") && l.endsWith("rejected at accept: fault"));
        } finally {
            connections.detachAppender(lines);
            connections.setLevel(level);
        }
    }
}
