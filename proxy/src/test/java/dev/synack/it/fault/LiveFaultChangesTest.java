package dev.synack.it.fault;

import static dev.synack.testkit.FaultSpecs.live;
import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.config.FaultStream;
import dev.synack.net.Transport;
import dev.synack.observe.CloseReason;
import dev.synack.proxy.ProxyRegistry;
import dev.synack.proxy.RegistryException;
import dev.synack.testkit.Digest;
import dev.synack.testkit.Ending;
import dev.synack.testkit.EventsOnFailure;
import dev.synack.testkit.HashingService;
import dev.synack.testkit.Payload;
import dev.synack.testkit.Received;
import dev.synack.testkit.RunningProxy;
import dev.synack.testkit.SpliceVariant;
import dev.synack.testkit.TestConfigs;
import dev.synack.testkit.TestSocket;
import dev.synack.testkit.Transports;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Faults that do not drop by design, added, updated and removed through the registry in the middle of a
 * transfer of 16 MiB each way (32 MiB in all): not a byte is lost or reordered (SHA-256 of both
 * streams), on every transport (on epoll with splicing too: a direction a fault comes to copies from then on). Each change comes once the client has read another quarter of the service's stream (the
 * service is then blocked on a full window, so bytes are in flight in synack), and the client writes the
 * next quarter of its own only after it.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@ExtendWith({EventsOnFailure.class, SpliceVariant.class})
class LiveFaultChangesTest {
    private static final long QUARTER = 4L << 20;

    /** A fault type, its attributes when added, and after the update. */
    record Change(String type, Map<String, Long> added, Map<String, Long> updated) {
        @Override
        public String toString() {
            return type;
        }
    }

    static Stream<Arguments> cases() {
        List<Change> changes = List.of(
                new Change("latency", Map.of("latency", 5L), Map.of("latency", 20L, "jitter", 5L)),
                new Change("bandwidth", Map.of("rate", 2_000_000L), Map.of("rate", 1_000_000L)),
                new Change("slicer", Map.of("average_size", 16_384L, "size_variation", 4_096L), Map.of("average_size", 65_536L, "delay", 10L)),
                new Change("slow_close", Map.of("delay", 10L), Map.of("delay", 50L)),
                new Change("hold_fin", Map.of("delay", 10L), Map.of("delay", 50L)),
                new Change("noop", Map.of(), Map.of()));
        return Transports.cases().flatMap(t -> changes.stream().map(c -> Arguments.of(t, c)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void addedUpdatedAndRemovedMidTransferLosesNoByte(Transport transport, Change change) throws Exception {
        Payload up = Payload.mebibytes(16, 21);
        Payload down = Payload.mebibytes(16, 22);
        try (HashingService service = HashingService.duplex(down);
             RunningProxy proxy = RunningProxy.start(TestConfigs.proxy(transport, service.hostPort()))) {
            ProxyRegistry registry = proxy.synack().registry();
            TestSocket client = proxy.connect();
            CountDownLatch[] changed = {new CountDownLatch(1), new CountDownLatch(1), new CountDownLatch(1)};
            CompletableFuture<Digest> wrote = CompletableFuture.supplyAsync(() -> {
                try {
                    Digest d = client.write(up, QUARTER, total -> awaitChange(changed, total));
                    client.shutdownOutput();
                    return d;
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });

            Received got = client.readToEnd(QUARTER, total -> {
                int k = (int) (total / QUARTER);
                if (k <= changed.length) {
                    apply(registry, change, k);
                    changed[k - 1].countDown();
                }
            });
            assertThat(wrote.get(60, TimeUnit.SECONDS)).isEqualTo(up.digest());
            assertThat(got.digest()).as("the service's stream at the client").isEqualTo(down.digest());
            assertThat(got.ending()).isEqualTo(Ending.EOF);
            HashingService.Exchange e = service.awaitExchange(30);
            assertThat(e.received().digest()).as("the client's stream at the service").isEqualTo(up.digest());

            client.close();
            assertThat(proxy.observer().awaitSummaryOf(client.localAddress()).reason())
                    .isIn(CloseReason.CLIENT_FIN, CloseReason.SERVICE_FIN);
            assertThat(proxy.observer().faultsApplied(change.type())).as("applied on both streams").hasSizeGreaterThanOrEqualTo(2);
        }
    }

    /** Change {@code k} (1: add, 2: update, 3: remove) of the fault on both streams. */
    private static void apply(ProxyRegistry registry, Change c, int k) {
        try {
            for (FaultStream s : FaultStream.values()) {
                String name = c.type() + "_" + s.configName();
                switch (k) {
                    case 1 -> registry.addFault(TestConfigs.PROXY, live(name, c.type(), s, c.added()));
                    case 2 -> registry.updateFault(TestConfigs.PROXY, live(name, c.type(), s, c.updated()));
                    default -> registry.removeFault(TestConfigs.PROXY, name);
                }
            }
        } catch (RegistryException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The writer waits, after each quarter but the last, for the change the reader makes at that point. */
    private static void awaitChange(CountDownLatch[] changed, long total) {
        int k = (int) (total / QUARTER);
        if (k > changed.length) {
            return;
        }
        try {
            if (!changed[k - 1].await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("change " + k + " never came");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
