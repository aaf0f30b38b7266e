package dev.synack.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.config.BufferSpec;
import dev.synack.net.Transport;
import dev.synack.observe.Side;
import dev.synack.testkit.EachTransport;
import dev.synack.testkit.Ending;
import dev.synack.testkit.HashingService;
import dev.synack.testkit.Payload;
import dev.synack.testkit.Received;
import dev.synack.testkit.RecordingObserver;
import dev.synack.testkit.RunningProxy;
import dev.synack.testkit.TestConfigs;
import dev.synack.testkit.TestSocket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * A fast service and a slow client: synack stops reading the service while the client's side is full,
 * so what it holds in user space per direction never exceeds high watermark + read size, and every
 * byte still arrives.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class BackpressureTest {
    private static final Payload FAST = Payload.mebibytes(64, 31);
    private static final BufferSpec SMALL = new BufferSpec(16 * 1024, 64 * 1024, 32 * 1024);
    /** The slow reader takes this much, then waits for synack to pause the service again. */
    private static final long SIP = 256 * 1024;

    @EachTransport
    void aSlowClientThrottlesAFastService(Transport transport) throws Exception {
        try (HashingService service = HashingService.source(FAST);
             RunningProxy proxy = RunningProxy.start(TestConfigs.proxy(transport, service.hostPort()).withBuffers(SMALL))) {
            RecordingObserver observer = proxy.observer();
            TestSocket client = proxy.connect();
            long[] pausesSeen = {0};

            Received got = client.readToEnd(SIP, total -> {
                // Wait until synack has paused the service again, unless it has read the service dry already.
                observer.awaitPause(Side.UPSTREAM, pausesSeen[0], () -> observer.bytesRead(Side.UPSTREAM) >= FAST.length());
                pausesSeen[0] = observer.pauses(Side.UPSTREAM);
            });
            client.close();

            assertThat(got.ending()).isEqualTo(Ending.EOF);
            assertThat(got.digest()).isEqualTo(FAST.digest());
            assertThat(observer.pauses(Side.UPSTREAM)).as("reading the service was paused").isPositive();
            assertThat(proxy.peakBufferedBytes())
                    .as("peak bytes held in user space, bound %d", SMALL.boundPerDirection())
                    .isPositive()
                    .isLessThanOrEqualTo(SMALL.boundPerDirection());
        }
    }
}
