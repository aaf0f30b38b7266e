package dev.synack.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.synack.config.HostPort;
import dev.synack.net.Transport;
import dev.synack.proxy.HostResolver;
import dev.synack.testkit.BlackHole;
import dev.synack.testkit.EachTransport;
import dev.synack.testkit.EchoServer;
import dev.synack.testkit.EventsOnFailure;
import dev.synack.testkit.RefusedPort;
import dev.synack.testkit.RunningProxy;
import dev.synack.testkit.ScriptedUpstream;
import dev.synack.testkit.TestConfigs;
import dev.synack.testkit.TestSocket;
import java.io.File;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every connect attempt that fails gives its file descriptor back: the process's open fds after a burst
 * of clients whose upstream refuses, times out, does not resolve or resets, or after a failover past a
 * dead upstream, are what they were before the burst. A leak of one fd per failed attempt took a proxy
 * in front of a service that was down for a while to EMFILE.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@ExtendWith(EventsOnFailure.class)
class FdLeakTest {
    private static final int CLIENTS = 20;
    /** Other threads of the test JVM may open a file now and then (class loading, logging): a little slack. */
    private static final int SLACK = 3;

    @EachTransport
    void refusedConnectsLeaveNoFd(Transport transport) throws Exception {
        HostPort nobody = RefusedPort.find();
        TestConfigs config = TestConfigs.proxy(transport, nobody)
                .withConnect(Duration.ofSeconds(1), 3, TestConfigs.backoff(Duration.ofMillis(1), 1.0, Duration.ofMillis(1)));
        try (RunningProxy proxy = RunningProxy.start(config)) {
            assertNoFdLeft(proxy, CLIENTS);
        }
    }

    @EachTransport
    void timedOutConnectsLeaveNoFd(Transport transport) throws Exception {
        try (BlackHole hole = BlackHole.start();
             RunningProxy proxy = RunningProxy.start(TestConfigs.proxy(transport, hole.hostPort())
                     .withConnectTimeout(Duration.ofMillis(50)))) {
            assertNoFdLeft(proxy, 5);
        }
    }

    @EachTransport
    void unresolvedNamesLeaveNoFd(Transport transport) throws Exception {
        HostResolver nowhere = host -> CompletableFuture.failedFuture(new UnknownHostException(host + ": no such host"));
        try (RunningProxy proxy = RunningProxy.start(TestConfigs.proxy(transport, new HostPort("nowhere.invalid", 9)), nowhere)) {
            assertNoFdLeft(proxy, CLIENTS);
        }
    }

    @EachTransport
    void resetUpstreamsLeaveNoFd(Transport transport) throws Exception {
        try (ScriptedUpstream service = ScriptedUpstream.start();
             RunningProxy proxy = RunningProxy.start(TestConfigs.proxy(transport, service.hostPort()))) {
            long before = -1;
            for (int i = 0; i <= CLIENTS; i++) {
                try (TestSocket client = proxy.connect()) {
                    service.nextConnection().reset();
                    client.readToEndAsync().get(20, TimeUnit.SECONDS);
                }
                if (i == 0) {
                    before = settledCount(proxy);
                }
            }
            awaitBackTo(proxy, before);
        }
    }

    @EachTransport
    void failoverPastADeadUpstreamLeavesNoFd(Transport transport) throws Exception {
        HostPort nobody = RefusedPort.find();
        try (EchoServer echo = EchoServer.start();
             RunningProxy proxy = RunningProxy.start(TestConfigs.proxy(transport, nobody, echo.hostPort()))) {
            long before = -1;
            for (int i = 0; i <= CLIENTS; i++) {
                try (TestSocket client = proxy.connect()) {
                    assertThat(client.roundTrip("ping " + i)).isEqualTo("ping " + i);
                }
                if (i == 0) {
                    before = settledCount(proxy);
                }
            }
            awaitBackTo(proxy, before);
        }
    }

    /** {@code n} clients, each read to its end (the proxy gives up on the upstream), then the fd count. */
    private static void assertNoFdLeft(RunningProxy proxy, int n) throws Exception {
        long before = warmAndCount(proxy);
        for (int i = 0; i < n; i++) {
            connectAndReadToEnd(proxy);
        }
        awaitBackTo(proxy, before);
    }

    /** One session through the proxy first (to its end), so that anything opened once per process is open already. */
    private static long warmAndCount(RunningProxy proxy) throws Exception {
        connectAndReadToEnd(proxy);
        return settledCount(proxy);
    }

    /** A client whose session synack ends at once: its RST may come before connect() returns. */
    private static void connectAndReadToEnd(RunningProxy proxy) throws Exception {
        try (TestSocket client = TestSocket.bound("127.0.0.1")) {
            CompletableFuture.supplyAsync(() -> client.connectAndReadToEnd(proxy.address())).get(20, TimeUnit.SECONDS);
        }
    }

    private static long settledCount(RunningProxy proxy) {
        await().atMost(Duration.ofSeconds(10)).until(() -> proxy.activeSessions() == 0);
        return openFds();
    }

    private static void awaitBackTo(RunningProxy proxy, long before) {
        await().atMost(Duration.ofSeconds(10)).until(() -> proxy.activeSessions() == 0);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(openFds()).as("open fds of this process (%d before)", before).isLessThanOrEqualTo(before + SLACK));
    }

    private static long openFds() {
        String[] fds = new File("/proc/self/fd").list();
        return fds == null ? -1 : fds.length;
    }
}
