package dev.synack.admin;

import static eu.rekawek.toxiproxy.model.ToxicDirection.DOWNSTREAM;
import static eu.rekawek.toxiproxy.model.ToxicDirection.UPSTREAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.synack.testkit.EchoServer;
import dev.synack.testkit.Ending;
import dev.synack.testkit.HashingService;
import dev.synack.testkit.Payload;
import dev.synack.testkit.Received;
import dev.synack.testkit.TestSocket;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.toxic.Bandwidth;
import eu.rekawek.toxiproxy.model.toxic.Latency;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What Toxiproxy's Java client does to real connections through synack: a latency a client sees (added to
 * a connection already open, so it applies at once), a {@code bandwidth} of rate 0 that stalls a transfer
 * and whose removal resumes it with every byte intact, and {@code enabled: false} that resets the live
 * connections and refuses new ones, until enabling binds the same port again. Timing bounds are generous:
 * a fault whose purpose is time is checked for the time, never tightly.
 */
class AdminLiveEffectsTest {
    private LiveAdmin live;
    private ToxiproxyClient client;

    @BeforeEach
    void start() throws Exception {
        live = LiveAdmin.start();
        client = live.client();
    }

    @AfterEach
    void stop() {
        live.close();
    }

    private static InetSocketAddress address(Proxy p) {
        String listen = p.getListen();
        return new InetSocketAddress("127.0.0.1", Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1)));
    }

    private static long millis(TestSocket s, String text) throws Exception {
        long t0 = System.nanoTime();
        assertThat(s.roundTrip(text)).isEqualTo(text);
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }

    @Test
    void aLatencyAddedToAnOpenConnectionIsSeenAtOnceAndGoneWhenRemoved() throws Exception {
        try (EchoServer echo = EchoServer.start()) {
            Proxy p = client.createProxy("echo", "127.0.0.1:0", echo.hostPort().toString());
            try (TestSocket s = TestSocket.connect(address(p))) {
                assertThat(millis(s, "before")).isLessThan(300);
                Latency lag = p.toxics().latency("lag", DOWNSTREAM, 400);
                assertThat(millis(s, "during")).as("one way, on the open connection").isBetween(400L, 5_000L);
                p.toxics().latency("lag_up", UPSTREAM, 200);
                assertThat(millis(s, "both")).as("both ways add up").isBetween(600L, 5_000L);
                lag.remove();
                p.toxics().get("lag_up").remove();
                assertThat(millis(s, "after")).isLessThan(400);
            }
        }
    }

    /**
     * Testcontainers' "cut connection": rate 0 both ways. The client reads 2 MiB, the cut is added while it
     * waits, then it reads on: it gets what was already in the buffers and then nothing; removing the cut
     * lets the rest through, every byte of 48 MiB as the service sent it.
     */
    @Test
    void aBandwidthOfZeroStallsATransferAndItsRemovalResumesIt() throws Exception {
        Payload payload = Payload.mebibytes(48, 12);
        try (HashingService service = HashingService.source(payload)) {
            Proxy p = client.createProxy("bulk", "127.0.0.1:0", service.hostPort().toString());
            AtomicLong progress = new AtomicLong();
            CountDownLatch cutAdded = new CountDownLatch(1);
            try (TestSocket s = TestSocket.connect(address(p))) {
                CompletableFuture<Received> read = CompletableFuture.supplyAsync(() -> s.readToEnd(64 * 1024, total -> {
                    progress.set(total);
                    if (total == 2L << 20) {
                        await().atMost(Duration.ofSeconds(30)).until(() -> cutAdded.getCount() == 0);
                    }
                }));
                await().atMost(Duration.ofSeconds(30)).until(() -> progress.get() >= 2L << 20);
                Bandwidth down = p.toxics().bandwidth("CUT_CONNECTION_DOWNSTREAM", DOWNSTREAM, 0);
                Bandwidth up = p.toxics().bandwidth("CUT_CONNECTION_UPSTREAM", UPSTREAM, 0);
                cutAdded.countDown();

                long stalledAt = awaitStall(progress);
                assertThat(stalledAt).as("stalled short of the payload").isLessThan(payload.length());
                await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> progress.get() == stalledAt);
                assertThat(read).isNotDone();

                down.remove();
                up.remove();
                Received r = read.get(60, TimeUnit.SECONDS);
                assertThat(r.ending()).isEqualTo(Ending.EOF);
                assertThat(r.digest()).as("every byte, in order").isEqualTo(payload.digest());
            }
        }
    }

    /** The progress once it has stopped moving for half a second; the buffers ahead of the cut drain first. */
    private static long awaitStall(AtomicLong progress) {
        long[] last = {-1};
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            long now = progress.get();
            boolean still = now == last[0];
            last[0] = now;
            return still;
        });
        return last[0];
    }

    @Test
    void disablingResetsLiveConnectionsAndRefusesNewOnesUntilEnabledOnTheSamePort() throws Exception {
        try (EchoServer echo = EchoServer.start()) {
            Proxy p = client.createProxy("echo", "127.0.0.1:0", echo.hostPort().toString());
            InetSocketAddress address = address(p);
            try (TestSocket s = TestSocket.connect(address)) {
                assertThat(s.roundTrip("hello")).isEqualTo("hello");
                p.disable();
                Received r = s.readToEndAsync().get(10, TimeUnit.SECONDS);
                assertThat(r.ending()).as("the live connection is reset").isEqualTo(Ending.RESET);
            }
            assertThatThrownBy(() -> TestSocket.connect(address).close()).isInstanceOf(ConnectException.class);
            p.enable();
            assertThat(client.getProxy("echo").getListen()).isEqualTo(p.getListen());
            try (TestSocket s = TestSocket.connect(address)) {
                assertThat(s.roundTrip("again")).isEqualTo("again");
            }
        }
    }
}
