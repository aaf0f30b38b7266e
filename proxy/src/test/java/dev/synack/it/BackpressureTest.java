package dev.synack.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.config.BufferSpec;
import dev.synack.net.Transport;
import dev.synack.observe.Side;
import dev.synack.testkit.Digest;
import dev.synack.testkit.EachTransport;
import dev.synack.testkit.EventsOnFailure;
import dev.synack.testkit.Ending;
import dev.synack.testkit.HashingService;
import dev.synack.testkit.Payload;
import dev.synack.testkit.Received;
import dev.synack.testkit.RecordingObserver;
import dev.synack.testkit.RunningProxy;
import dev.synack.testkit.ScriptedUpstream;
import dev.synack.testkit.TestConfigs;
import dev.synack.testkit.TestSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A fast sender and a slow receiver, both ways round: synack stops reading the sender while the
 * receiver's side is full, so what it holds in user space per direction stays within high watermark +
 * read size while the direction is open, and every byte still arrives. When the sender's FIN arrives,
 * epoll and io_uring read the socket to EOF at once; what that adds is measured and bounded by the
 * kernel's receive buffer limit.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
@ExtendWith(EventsOnFailure.class)
class BackpressureTest {
    private static final Payload FAST = Payload.mebibytes(64, 31);
    private static final BufferSpec SMALL = new BufferSpec(16 * 1024, 64 * 1024, 32 * 1024);
    /** The slow reader takes this much at a time, each time only while synack holds the service back. */
    private static final long SIP = 256 * 1024;
    /** Far more than the kernel buffers on the way can hold, so the client must be held back. */
    private static final Payload UPLOAD = Payload.mebibytes(64, 32);

    @EachTransport
    void aSlowClientThrottlesAFastService(Transport transport) throws Exception {
        try (HashingService service = HashingService.source(FAST);
             RunningProxy proxy = RunningProxy.start(TestConfigs.proxy(transport, service.hostPort()).withBuffers(SMALL))) {
            RecordingObserver observer = proxy.observer();
            TestSocket client = proxy.connect();

            // Each sip is taken only while synack holds the service back (or has read it dry): the client
            // never reads faster than synack is throttled.
            java.util.concurrent.atomic.AtomicLong peakWhileOpen = new java.util.concurrent.atomic.AtomicLong(-1);
            Received got = client.readToEnd(SIP, total -> {
                observer.awaitPaused(Side.UPSTREAM, () -> observer.bytesRead(Side.UPSTREAM) >= FAST.length());
                // Half way, far more than the kernel buffers hold is still to come: the service's FIN is not in.
                if (total >= FAST.length() / 2 && peakWhileOpen.get() < 0
                        && observer.events(RecordingObserver.Kind.FIN_READ).isEmpty()) {
                    peakWhileOpen.set(proxy.peakBufferedBytes());
                }
            });
            client.close();
            assertThat(peakWhileOpen.get()).as("peak held while the service's stream is open").isPositive()
                    .isLessThanOrEqualTo(SMALL.boundPerDirection());

            assertThat(got.ending()).isEqualTo(Ending.EOF);
            assertThat(got.digest()).isEqualTo(FAST.digest());
            assertThat(observer.pauses(Side.UPSTREAM)).as("reading the service was paused").isPositive();
            assertWithinBound(proxy);
        }
    }

    @EachTransport
    void aStalledServiceThrottlesAFastClient(Transport transport) throws Exception {
        try (ScriptedUpstream service = ScriptedUpstream.start();
             RunningProxy proxy = RunningProxy.start(TestConfigs.proxy(transport, service.hostPort()).withBuffers(SMALL))) {
            TestSocket client = proxy.connect();
            CompletableFuture<Digest> sent = client.writeAsync(UPLOAD);
            TestSocket upstream = service.nextConnection();

            // The service reads nothing until synack has stopped reading the client.
            proxy.observer().awaitPaused(Side.DOWNSTREAM, () -> false);
            assertThat(sent).as("the client is held back, not buffered without bound").isNotDone();
            CompletableFuture<Received> arrived = upstream.readToEndAsync();
            Digest written = sent.get(60, TimeUnit.SECONDS);
            client.shutdownOutput();

            Received got = arrived.get(60, TimeUnit.SECONDS);
            assertThat(got.ending()).isEqualTo(Ending.EOF);
            assertThat(got.digest()).isEqualTo(written);
            assertWithinBound(proxy);
            upstream.close();
        }
    }

    private static void assertWithinBound(RunningProxy proxy) {
        long drained = proxy.peakDrainedAtFin();
        assertThat(drained).as("read at the FIN without asking: at most the kernel's receive buffer limit")
                .isLessThanOrEqualTo(maxReceiveBuffer());
        assertThat(proxy.peakBufferedBytes())
                .as("peak bytes held in user space, bound %d + %d drained at the FIN", SMALL.boundPerDirection(), drained)
                .isPositive()
                .isLessThanOrEqualTo(SMALL.boundPerDirection() + drained);
    }

    /** The largest receive buffer the kernel lets a socket reach: tcp_rmem's max (autotuning) or twice rmem_max. */
    private static long maxReceiveBuffer() {
        dev.synack.net.Sysctls sys = dev.synack.net.Sysctls.system();
        long autotuned = sys.readLongs("net.ipv4.tcp_rmem").map(v -> v[2]).orElseThrow();
        long fixed = 2 * sys.readLong("net.core.rmem_max").orElseThrow();
        return Math.max(autotuned, fixed);
    }
}
