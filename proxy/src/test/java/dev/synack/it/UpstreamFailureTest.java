package dev.synack.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.config.CloseAction;
import dev.synack.config.HostPort;
import dev.synack.net.Transport;
import dev.synack.observe.CloseReason;
import dev.synack.observe.ConnectionSummary;
import dev.synack.testkit.BlackHole;
import dev.synack.testkit.EachTransport;
import dev.synack.testkit.EventsOnFailure;
import dev.synack.testkit.EchoServer;
import dev.synack.testkit.Ending;
import dev.synack.testkit.Received;
import dev.synack.testkit.RecordingObserver.Event;
import dev.synack.testkit.RecordingObserver.Kind;
import dev.synack.testkit.RefusedPort;
import dev.synack.testkit.RunningProxy;
import dev.synack.testkit.TestConfigs;
import dev.synack.testkit.TestSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * When the service cannot be reached: retries with backoff, failover down the upstream list, a connect
 * timeout for a handshake that never completes, and what the client gets at the end (RST or FIN).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(EventsOnFailure.class)
class UpstreamFailureTest {
    private static final Duration TIMEOUT = Duration.ofMillis(200);
    private static final Duration BACKOFF = Duration.ofMillis(150);

    @EachTransport
    void refusedUpstreamResetsTheClient(Transport transport) throws Exception {
        refused(transport, CloseAction.RESET, Ending.RESET);
    }

    @EachTransport
    void refusedUpstreamClosesTheClientWhenConfiguredToClose(Transport transport) throws Exception {
        refused(transport, CloseAction.CLOSE, Ending.EOF);
    }

    private static void refused(Transport transport, CloseAction onFailure, Ending expected) throws Exception {
        HostPort nobody = RefusedPort.find();
        TestConfigs config = TestConfigs.proxy(transport, nobody)
                .withConnect(Duration.ofSeconds(1), 3, TestConfigs.backoff(Duration.ofMillis(10), 2.0, Duration.ofMillis(50)))
                .withOnUpstreamFailure(onFailure);
        try (RunningProxy proxy = RunningProxy.start(config)) {
            TestSocket client = proxy.connect();
            Received r = client.readToEndAsync().get(20, TimeUnit.SECONDS);
            client.close(); // as a client does on EOF; synack waits for that FIN (bounded) before the session ends

            assertThat(r.ending()).as("what the client reads (%s)", r).isEqualTo(expected);
            assertThat(r.bytes()).isZero();
            ConnectionSummary s = proxy.observer().awaitSummaryOf(client.localAddress());
            assertThat(s.reason()).isEqualTo(CloseReason.UPSTREAM_UNREACHABLE);
            assertThat(s.attempts()).isEqualTo(3);
            assertThat(proxy.observer().events(Kind.CONNECT_FAILED, s.id())).hasSize(3)
                    .allSatisfy(e -> assertThat(e.address().getPort()).isEqualTo(nobody.port()));
            assertThat(proxy.observer().events(Kind.CONNECTED, s.id())).isEmpty();
        }
    }

    @EachTransport
    void blackHoleTimesOutAndRetriesAfterTheBackoff(Transport transport) throws Exception {
        try (BlackHole hole = BlackHole.start();
             RunningProxy proxy = RunningProxy.start(TestConfigs.proxy(transport, hole.hostPort())
                     .withConnect(TIMEOUT, 3, TestConfigs.backoff(BACKOFF, 2.0, Duration.ofSeconds(1))))) {
            TestSocket client = proxy.connect();
            Received r = client.readToEndAsync().get(20, TimeUnit.SECONDS);

            assertThat(r.ending()).as("what the client reads (%s)", r).isEqualTo(Ending.RESET);
            ConnectionSummary s = proxy.observer().awaitSummaryOf(client.localAddress());
            assertThat(s.reason()).isEqualTo(CloseReason.UPSTREAM_UNREACHABLE);
            assertThat(s.attempts()).isEqualTo(3);
            assertThat(proxy.observer().events(Kind.CONNECT_FAILED, s.id())).hasSize(3)
                    .allSatisfy(e -> assertThat(isTimeout(e.cause())).as("cause %s is a connect timeout", e.cause()).isTrue());

            List<Event> starts = proxy.observer().events(Kind.CONNECT_STARTED, s.id());
            assertThat(starts).hasSize(3);
            // Lower bounds only: attempt n+1 starts no sooner than attempt n's timeout plus the n-th wait
            // (jitter 0). The 5 ms allow for the event being stamped just after the timer was armed.
            for (int n = 1; n < starts.size(); n++) {
                long gapMillis = (starts.get(n).nanos() - starts.get(n - 1).nanos()) / 1_000_000;
                long wait = BACKOFF.toMillis() << (n - 1);
                assertThat(gapMillis).as("gap before attempt %d", n + 1).isGreaterThanOrEqualTo(TIMEOUT.toMillis() + wait - 5);
            }
        }
    }

    @EachTransport
    void failsOverFromABlackHoleToAWorkingUpstream(Transport transport) throws Exception {
        try (BlackHole hole = BlackHole.start();
             EchoServer echo = EchoServer.start();
             RunningProxy proxy = RunningProxy.start(TestConfigs.proxy(transport, hole.hostPort(), echo.hostPort())
                     .withConnect(TIMEOUT, 1, TestConfigs.backoff(BACKOFF, 2.0, Duration.ofSeconds(1))))) {
            TestSocket client = proxy.connect();
            assertThat(client.roundTrip("through the second upstream")).isEqualTo("through the second upstream");
            client.shutdownOutput();
            assertThat(client.readToEnd().ending()).isEqualTo(Ending.EOF);
            client.close();

            ConnectionSummary s = proxy.observer().awaitSummaryOf(client.localAddress());
            assertThat(s.upstream().getPort()).isEqualTo(echo.address().getPort());
            assertThat(s.reason()).isEqualTo(CloseReason.CLIENT_FIN);
            assertThat(proxy.observer().events(Kind.CONNECT_STARTED, s.id())).extracting(e -> e.address().getPort())
                    .containsExactly(hole.address().getPort(), echo.address().getPort());
            assertThat(proxy.observer().events(Kind.CONNECT_FAILED, s.id())).extracting(e -> e.address().getPort())
                    .containsExactly(hole.address().getPort());
            assertThat(proxy.observer().events(Kind.CONNECTED, s.id())).extracting(e -> e.address().getPort())
                    .containsExactly(echo.address().getPort());
        }
    }

    @EachTransport
    void whenEveryUpstreamFailsTheClientGetsAReset(Transport transport) throws Exception {
        HostPort nobody = RefusedPort.find();
        try (BlackHole hole = BlackHole.start();
             RunningProxy proxy = RunningProxy.start(TestConfigs.proxy(transport, hole.hostPort(), nobody)
                     .withConnect(TIMEOUT, 2, TestConfigs.backoff(Duration.ofMillis(20), 2.0, Duration.ofSeconds(1))))) {
            TestSocket client = proxy.connect();
            Received r = client.readToEndAsync().get(20, TimeUnit.SECONDS);

            assertThat(r.ending()).as("what the client reads (%s)", r).isEqualTo(Ending.RESET);
            ConnectionSummary s = proxy.observer().awaitSummaryOf(client.localAddress());
            assertThat(s.reason()).isEqualTo(CloseReason.UPSTREAM_UNREACHABLE);
            assertThat(proxy.observer().events(Kind.CONNECT_STARTED, s.id())).extracting(e -> e.address().getPort())
                    .containsExactly(hole.address().getPort(), nobody.port(), hole.address().getPort(), nobody.port());
        }
    }

    /**
     * ConnectSpec calls one walk down the upstream list an attempt; the summary's {@code attempts} counts
     * the single connects made (attempts × upstreams when all fail), like the observer's attempt numbers.
     */
    @EachTransport
    void summaryCountsEveryConnectOfEveryWalk(Transport transport) throws Exception {
        HostPort first = RefusedPort.find();
        HostPort second = RefusedPort.find();
        try (RunningProxy proxy = RunningProxy.start(TestConfigs.proxy(transport, first, second)
                .withConnect(TIMEOUT, 2, TestConfigs.backoff(Duration.ofMillis(10), 2.0, Duration.ofSeconds(1))))) {
            TestSocket client = proxy.connect();
            client.readToEndAsync().get(20, TimeUnit.SECONDS);
            ConnectionSummary s = proxy.observer().awaitSummaryOf(client.localAddress());
            assertThat(proxy.observer().events(Kind.CONNECT_STARTED, s.id())).hasSize(4);
            assertThat(s.attempts()).as("connects in the summary, with 2 walks configured and 2 upstreams").isEqualTo(4);
        }
    }

    private static boolean isTimeout(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (t.getClass().getSimpleName().contains("Timeout") || m.contains("timed out") || m.contains("timeout")) {
                return true;
            }
        }
        return false;
    }
}
