package dev.synack.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.synack.net.Transport;
import dev.synack.observe.CloseReason;
import dev.synack.observe.ConnectionSummary;
import dev.synack.observe.Peer;
import dev.synack.testkit.EachTransport;
import dev.synack.testkit.EventsOnFailure;
import dev.synack.testkit.EchoServer;
import dev.synack.testkit.Received;
import dev.synack.testkit.RunningProxy;
import dev.synack.testkit.ScriptedUpstream;
import dev.synack.testkit.Ending;
import dev.synack.testkit.TestConfigs;
import dev.synack.testkit.TestSocket;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The idle timeout ends a silent session but not a talking one; max_duration ends even a busy session. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(EventsOnFailure.class)
class TimeoutTest {
    private static final Duration IDLE = Duration.ofMillis(400);
    /** Well under {@link #IDLE}, so a loaded machine can be late a few times without starving the session. */
    private static final long TICK_MS = 40;

    @EachTransport
    void idleTimeoutEndsASilentSession(Transport transport) throws Exception {
        try (EchoServer echo = EchoServer.start();
             RunningProxy proxy = RunningProxy.start(TestConfigs.proxy(transport, echo.hostPort()).withIdleTimeout(IDLE))) {
            TestSocket client = proxy.connect();
            assertThat(client.roundTrip("then silence")).isEqualTo("then silence");
            Received end = client.readToEndAsync().get(20, TimeUnit.SECONDS);
            client.close();
            assertThat(end.bytes()).as("nothing more arrives (%s)", end).isZero();

            ConnectionSummary s = proxy.observer().awaitSummaryOf(client.localAddress());
            assertThat(s.reason()).isEqualTo(CloseReason.IDLE_TIMEOUT);
            assertThat(s.closedFirst()).isEqualTo(Peer.PROXY);
            assertThat(Duration.ofNanos(s.durationNanos())).isGreaterThanOrEqualTo(IDLE);
        }
    }

    /**
     * Bytes a client sends after synack's own FIN are read (so the close stays a FIN) but never reach the
     * service: the record counts them as discarded, not as relayed.
     */
    @EachTransport
    void bytesAfterSynacksOwnFinAreCountedAsDiscarded(Transport transport) throws Exception {
        try (ScriptedUpstream service = ScriptedUpstream.start();
             RunningProxy proxy = RunningProxy.start(TestConfigs.proxy(transport, service.hostPort()).withIdleTimeout(IDLE))) {
            TestSocket client = proxy.connect();
            client.write("x".repeat(100));
            TestSocket atService = service.nextConnection();
            assertThat(atService.readExactly(100)).hasSize(100);
            assertThat(client.readToEnd().ending()).as("synack's FIN at the idle timeout").isEqualTo(Ending.EOF);
            client.write("y".repeat(25));
            client.close();
            Received serviceGot = atService.readToEnd();
            atService.close();

            ConnectionSummary s = proxy.observer().awaitSummaryOf(client.localAddress());
            assertThat(serviceGot.bytes()).as("what reached the service after the first 100").isZero();
            assertThat(s.reason()).isEqualTo(CloseReason.IDLE_TIMEOUT);
            assertThat(s.bytesClientToService()).as("bytes the service was sent").isEqualTo(100);
            assertThat(s.discardedClientToService()).as("bytes read after synack's FIN").isEqualTo(25);
        }
    }

    @EachTransport
    void trafficKeepsASessionAlivePastTheIdleTimeout(Transport transport) throws Exception {
        try (EchoServer echo = EchoServer.start();
             RunningProxy proxy = RunningProxy.start(TestConfigs.proxy(transport, echo.hostPort()).withIdleTimeout(IDLE));
             Talker talker = new Talker(proxy.connect())) {
            await().during(IDLE.multipliedBy(4)).atMost(IDLE.multipliedBy(8))
                    .until(() -> proxy.observer().summaries().isEmpty() && talker.failures.get() == 0);
            assertThat(talker.roundTrips.get()).isGreaterThan(10);

            talker.stop();
            talker.client.readToEnd(); // until synack ends the silent session
            talker.client.close();
            ConnectionSummary s = proxy.observer().awaitSummaryOf(talker.client.localAddress());
            assertThat(s.reason()).as("once silent, it times out").isEqualTo(CloseReason.IDLE_TIMEOUT);
            assertThat(Duration.ofNanos(s.durationNanos())).isGreaterThan(IDLE.multipliedBy(4));
        }
    }

    @EachTransport
    void maxDurationEndsABusySession(Transport transport) throws Exception {
        Duration max = Duration.ofMillis(800);
        try (EchoServer echo = EchoServer.start();
             RunningProxy proxy = RunningProxy.start(TestConfigs.proxy(transport, echo.hostPort()).withMaxDuration(max));
             Talker talker = new Talker(proxy.connect())) {
            ConnectionSummary s = proxy.observer().awaitSummaryOf(talker.client.localAddress());
            assertThat(s.reason()).isEqualTo(CloseReason.MAX_DURATION);
            assertThat(s.closedFirst()).isEqualTo(Peer.PROXY);
            assertThat(Duration.ofNanos(s.durationNanos())).isGreaterThanOrEqualTo(max);
            assertThat(talker.roundTrips.get()).as("the session was busy").isGreaterThan(5);
        }
    }

    /** A client that does one small echo round trip every {@link #TICK_MS} until stopped. */
    private static final class Talker implements AutoCloseable {
        final TestSocket client;
        final AtomicInteger roundTrips = new AtomicInteger();
        final AtomicInteger failures = new AtomicInteger();
        private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "talker");
            t.setDaemon(true);
            return t;
        });

        Talker(TestSocket client) {
            this.client = client;
            ticks.scheduleWithFixedDelay(this::tick, 0, TICK_MS, TimeUnit.MILLISECONDS);
        }

        private void tick() {
            try {
                if ("ping".equals(client.roundTrip("ping"))) {
                    roundTrips.incrementAndGet();
                } else {
                    failures.incrementAndGet();
                }
            } catch (IOException e) {
                failures.incrementAndGet();
                client.close(); // the session is over: close as a client would
                throw new java.io.UncheckedIOException(e); // ends the schedule: the session is over
            }
        }

        void stop() throws InterruptedException {
            ticks.shutdown();
            assertThat(ticks.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }

        @Override
        public void close() {
            ticks.shutdownNow();
            client.close();
        }
    }
}
