package dev.synack.it;

import static dev.synack.testkit.FaultSpecs.live;
import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.config.BufferSpec;
import dev.synack.config.FaultStream;
import dev.synack.config.HostPort;
import dev.synack.config.SpliceMode;
import dev.synack.net.Transport;
import dev.synack.observe.CloseReason;
import dev.synack.observe.ConnectionSummary;
import dev.synack.observe.Side;
import dev.synack.testkit.Digest;
import dev.synack.testkit.EchoServer;
import dev.synack.testkit.Ending;
import dev.synack.testkit.EventsOnFailure;
import dev.synack.testkit.HashingService;
import dev.synack.testkit.Payload;
import dev.synack.testkit.Received;
import dev.synack.testkit.RunningProxy;
import dev.synack.testkit.TestConfigs;
import dev.synack.testkit.TestSocket;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code buffers.splice: auto} on epoll: both directions really are spliced (the transport opens a pipe per
 * socket written to), the byte counts of the access record and the observer are exact, and a fault added
 * to a spliced direction through the API acts on every byte after it. The rest of the relay's promises are
 * checked on the splice path by the {@code EPOLL_SPLICE} case of every {@code @EachTransport} test.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(EventsOnFailure.class)
@EnabledIf("epoll")
class SpliceTest {
    static boolean epoll() {
        return Transport.EPOLL.isAvailable();
    }

    private static TestConfigs splicing(HostPort service) {
        return TestConfigs.proxy(Transport.EPOLL, service).withBuffers(BufferSpec.DEFAULT.withSplice(SpliceMode.AUTO));
    }

    @Test
    void bothDirectionsAreSplicedWithExactCounts() throws Exception {
        Payload up = Payload.mebibytes(8, 31);
        Payload down = Payload.mebibytes(8, 32);
        try (EchoServer echo = EchoServer.start();
             RunningProxy proxy = RunningProxy.start(splicing(echo.hostPort()))) {
            long before = pipes();
            try (TestSocket client = proxy.connect()) {
                assertThat(client.roundTrip("ping")).isEqualTo("ping");
                assertThat(pipes()).as("a pipe (two fds) per socket written to by a splice").isGreaterThanOrEqualTo(before + 4);
            }
        }
        try (HashingService service = HashingService.duplex(down);
             RunningProxy proxy = RunningProxy.start(splicing(service.hostPort()))) {
            TestSocket client = proxy.connect();
            CompletableFuture<Digest> wrote = CompletableFuture.supplyAsync(() -> {
                try {
                    Digest d = client.write(up);
                    client.shutdownOutput();
                    return d;
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            Received got = client.readToEnd();
            assertThat(wrote.get(30, TimeUnit.SECONDS)).isEqualTo(up.digest());
            assertThat(got.digest()).isEqualTo(down.digest());
            assertThat(got.ending()).isEqualTo(Ending.EOF);
            assertThat(service.awaitExchange(30).received().digest()).isEqualTo(up.digest());
            client.close();

            ConnectionSummary s = proxy.observer().awaitSummaryOf(client.localAddress());
            assertThat(s.reason()).isIn(CloseReason.CLIENT_FIN, CloseReason.SERVICE_FIN);
            assertThat(s.bytesClientToService()).isEqualTo(up.length());
            assertThat(s.bytesServiceToClient()).isEqualTo(down.length());
            assertThat(s.discardedClientToService()).isZero();
            assertThat(s.discardedServiceToClient()).isZero();
            assertThat(proxy.observer().bytesRead(Side.DOWNSTREAM)).isEqualTo(up.length());
            assertThat(proxy.observer().bytesRead(Side.UPSTREAM)).isEqualTo(down.length());
        }
    }

    @Test
    void aFaultAddedToASplicedDirectionActsOnTheBytesAfterIt() throws Exception {
        try (EchoServer echo = EchoServer.start();
             RunningProxy proxy = RunningProxy.start(splicing(echo.hostPort()))) {
            TestSocket client = proxy.connect();
            assertThat(client.roundTrip("spliced")).isEqualTo("spliced");
            proxy.synack().registry().addFault(TestConfigs.PROXY,
                    live("cap", "limit_data", FaultStream.DOWNSTREAM, Map.of("bytes", 10L)));
            client.write("0123456789 and what the cap cuts off");
            Received got = client.readToEnd();
            assertThat(got.bytes()).as("limit_data saw the bytes after it: exactly 10 pass").isEqualTo(10);
            assertThat(got.ending()).isEqualTo(Ending.EOF);
            client.close();
            assertThat(proxy.observer().awaitSummaryOf(client.localAddress()).reason()).isEqualTo(CloseReason.FAULT);
        }
    }

    /** The pipes this JVM holds open (each is two fds). */
    private static long pipes() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(p -> {
                try {
                    return Files.readSymbolicLink(p).toString().startsWith("pipe:");
                } catch (IOException e) {
                    return false;
                }
            }).count();
        }
    }
}
