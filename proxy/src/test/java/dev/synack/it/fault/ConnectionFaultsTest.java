package dev.synack.it.fault;

import static dev.synack.testkit.FaultSpecs.named;
import static dev.synack.testkit.FaultSpecs.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.synack.config.FaultStream;
import dev.synack.net.Transport;
import dev.synack.observe.CloseReason;
import dev.synack.observe.ConnectionSummary;
import dev.synack.testkit.EachTransport;
import dev.synack.testkit.EchoServer;
import dev.synack.testkit.Ending;
import dev.synack.testkit.EventsOnFailure;
import dev.synack.testkit.FaultSpecs;
import dev.synack.testkit.Received;
import dev.synack.testkit.RecordingObserver;
import dev.synack.testkit.RecordingObserver.Event;
import dev.synack.testkit.RecordingObserver.Kind;
import dev.synack.testkit.RunningProxy;
import dev.synack.testkit.ScriptedUpstream;
import dev.synack.testkit.Specs;
import dev.synack.testkit.TestConfigs;
import dev.synack.testkit.TestSocket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * synack's faults at accept and connect, through synack: {@code connect_delay} (the client is connected
 * at once, the service sees the connection only after the delay), {@code refuse} (an RST at accept,
 * recorded as a rejection) and {@code accept_pause} (with a small backlog a client's connect times out;
 * removing the fault lets the queue in).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(EventsOnFailure.class)
class ConnectionFaultsTest {
    private static final int PROBE_TIMEOUT_MS = 300;

    @EachTransport
    void connectDelayConnectsTheClientAtOnceAndTheServiceLater(Transport transport) throws Exception {
        try (ScriptedUpstream service = ScriptedUpstream.start();
             RunningProxy proxy = RunningProxy.start(TestConfigs.proxy(transport, service.hostPort())
                     .withFaults(List.of(spec("connect_delay", FaultStream.DOWNSTREAM, Map.of("delay", 400L)))))) {
            long t0 = System.nanoTime();
            TestSocket client = proxy.connect();
            long connectMs = ms(t0);
            client.write("early");
            TestSocket upstream = service.nextConnection();
            long serviceMs = ms(t0);
            assertThat(connectMs).as("the client's connect (ms)").isLessThan(200);
            assertThat(serviceMs).as("the service's accept (ms)").isGreaterThanOrEqualTo(400);
            assertThat(upstream.readText(5)).as("what the client sent meanwhile").isEqualTo("early");

            RecordingObserver o = proxy.observer();
            Event accepted = o.awaitEvent(Kind.ACCEPTED);
            Event connecting = o.awaitEvent(Kind.CONNECT_STARTED);
            assertThat(TimeUnit.NANOSECONDS.toMillis(connecting.nanos() - accepted.nanos()))
                    .as("from accept to synack's SYN (ms)").isGreaterThanOrEqualTo(400);

            client.shutdownOutput();
            assertThat(upstream.readToEnd().ending()).isEqualTo(Ending.EOF);
            upstream.close();
            assertThat(client.readToEnd().ending()).isEqualTo(Ending.EOF);
            ConnectionSummary s = o.awaitSummaryOf(client.localAddress());
            assertThat(s.reason()).isEqualTo(CloseReason.CLIENT_FIN);
            assertThat(o.awaitFaultApplied("connect_delay").connection()).isEqualTo(s.id());
        }
    }

    @EachTransport
    void refuseResetsEachClientAtAcceptAndRecordsIt(Transport transport) throws Exception {
        try (EchoServer echo = EchoServer.start();
             RunningProxy proxy = RunningProxy.start(TestConfigs.proxy(transport, echo.hostPort())
                     .withFaults(List.of(spec("refuse", FaultStream.DOWNSTREAM, Map.of()))))) {
            try (TestSocket client = TestSocket.bound("127.0.0.1")) {
                Received r = client.connectAndReadToEnd(proxy.address());
                assertThat(r.ending()).as("what the client reads (%s)", r).isEqualTo(Ending.RESET);
                Event rejected = proxy.observer().awaitEvent(Kind.REJECTED);
                assertThat(rejected.reason()).isEqualTo(CloseReason.FAULT);
                assertThat(RecordingObserver.sameEndpoint(rejected.address(), client.localAddress())).isTrue();
            }
            assertThat(proxy.observer().awaitFaultApplied("refuse").connection()).as("no session").isEqualTo(-1);
            assertThat(proxy.observer().events(Kind.ACCEPTED)).isEmpty();
            assertThat(echo.acceptedCount()).as("the service never saw it").isZero();
        }
    }

    @EachTransport
    void acceptPauseTimesAClientOutAndRemovalLetsTheQueueIn(Transport transport) throws Exception {
        List<TestSocket> queued = new ArrayList<>();
        try (EchoServer echo = EchoServer.start();
             RunningProxy proxy = RunningProxy.start(TestConfigs.proxy(transport, echo.hostPort())
                     .withDownstream(Specs.of("backlog", 1))
                     .withFaults(List.of(named("pause", "accept_pause", FaultStream.DOWNSTREAM, Map.of()))))) {
            assertThat(proxy.observer().awaitFaultApplied("accept_pause").connection()).isEqualTo(-1);
            SocketTimeoutException timedOut = null;
            for (int i = 0; i < 16 && timedOut == null; i++) {
                TestSocket s = TestSocket.bound("127.0.0.1");
                try {
                    s.channel().socket().connect(proxy.address(), PROBE_TIMEOUT_MS);
                    queued.add(s);
                } catch (SocketTimeoutException e) {
                    timedOut = e;
                    s.close();
                }
            }
            assertThat(timedOut).as("a connect that timed out once the backlog was full").isNotNull();
            assertThat(queued).as("connections the kernel queued").isNotEmpty();
            assertThat(proxy.observer().events(Kind.ACCEPTED)).as("synack accepted none").isEmpty();

            proxy.synack().registry().removeFault(TestConfigs.PROXY, "pause");
            for (TestSocket s : queued) {
                assertThat(s.roundTrip("let in")).isEqualTo("let in");
                s.shutdownOutput();
                assertThat(s.readToEnd().ending()).isEqualTo(Ending.EOF);
            }
            for (TestSocket s : queued) {
                assertThat(proxy.observer().awaitSummaryOf(s.localAddress()).reason()).isEqualTo(CloseReason.CLIENT_FIN);
            }

            // Paused again while listening: a client the kernel completes gets no session until removal.
            int sessions = proxy.observer().events(Kind.ACCEPTED).size();
            proxy.synack().registry().addFault(TestConfigs.PROXY, FaultSpecs.live("pause", "accept_pause", FaultStream.DOWNSTREAM, Map.of()));
            TestSocket late = proxy.connect();
            late.write("waiting");
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                    .until(() -> proxy.observer().events(Kind.ACCEPTED).size() == sessions);
            proxy.synack().registry().removeFault(TestConfigs.PROXY, "pause");
            assertThat(late.readText(7)).isEqualTo("waiting");
            assertThat(proxy.observer().faultsApplied("accept_pause")).hasSize(2);
        } finally {
            queued.forEach(TestSocket::close);
        }
    }

    private static long ms(long since) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since);
    }
}
