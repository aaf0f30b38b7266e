package dev.synack.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.net.Transport;
import dev.synack.observe.ConnectionInfo;
import dev.synack.observe.ConnectionObserver;
import dev.synack.testkit.EchoServer;
import dev.synack.testkit.RunningProxy;
import dev.synack.testkit.TestConfigs;
import dev.synack.testkit.TestSocket;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A kept-alive connection's round trips make no garbage on the proxy's event loop: what a busy proxy
 * allocates per relayed message is what its collector must later stop it for. Measured as the bytes the
 * session's thread allocated (the JVM's per-thread count) over thousands of round trips of 64 bytes,
 * after as many to warm up; it was about 250 bytes per round trip (a promise, its listeners and a counter
 * per write) before writes were counted by one {@code WriteTally} per socket. On each transport's copy path;
 * the splice path ({@code buffers.splice}, for bulk) costs Netty's task and a promise per splice.
 * Netty's leak detector, on in tests and off in the product, is off while the round trips are counted.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SteadyAllocationTest {
    private static final int WARM_UP = 20_000;
    private static final int MEASURED = 20_000;
    /**
     * What the JDK's selector allocates per round trip on NIO, out of synack's reach: it boxes each ready
     * descriptor to look its key up (16 bytes per wake-up, two wake-ups per round trip).
     */
    private static final double NIO_SELECTOR_BYTES = 32;
    /** Slack for a rare allocation in the measured window (a 1 KiB one is 0.05 bytes per round trip). */
    private static final double SLACK_BYTES = 2;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.synack.testkit.Transports#available")
    void roundTripsOnAKeptAliveConnectionAllocateNothing(Transport transport) throws Exception {
        CompletableFuture<Thread> loop = new CompletableFuture<>();
        ConnectionObserver sessionThread = new ConnectionObserver() {
            @Override
            public void connected(ConnectionInfo c, InetSocketAddress target, long connectNanos, long nanos) {
                loop.complete(Thread.currentThread());
            }
        };
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (EchoServer service = EchoServer.start();
             RunningProxy proxy = RunningProxy.start(TestConfigs.proxy(transport, service.hostPort()), sessionThread);
             TestSocket client = proxy.connect()) {
            SocketChannel ch = client.channel();
            ByteBuffer message = ByteBuffer.allocateDirect(64);
            roundTrips(ch, message, WARM_UP);
            long loopId = loop.get(10, TimeUnit.SECONDS).getId();

            ResourceLeakDetector.Level leakLevel = ResourceLeakDetector.getLevel();
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
            long before;
            long after;
            try {
                roundTrips(ch, message, WARM_UP);
                before = threads.getThreadAllocatedBytes(loopId);
                roundTrips(ch, message, MEASURED);
                after = threads.getThreadAllocatedBytes(loopId);
            } finally {
                ResourceLeakDetector.setLevel(leakLevel);
            }

            double perRoundTrip = (after - before) / (double) MEASURED;
            double allowed = (transport == Transport.NIO ? NIO_SELECTOR_BYTES : 0) + SLACK_BYTES;
            assertThat(perRoundTrip).as("bytes allocated on the event loop per round trip (%s)", transport)
                    .isLessThanOrEqualTo(allowed);
        }
    }

    /** Sends 64 bytes and waits for them to come back, {@code n} times. */
    private static void roundTrips(SocketChannel ch, ByteBuffer message, int n) throws Exception {
        for (int i = 0; i < n; i++) {
            message.clear();
            while (message.hasRemaining()) {
                ch.write(message);
            }
            message.clear();
            while (message.hasRemaining()) {
                if (ch.read(message) < 0) {
                    throw new AssertionError("the proxy closed the connection after " + i + " round trips");
                }
            }
        }
    }
}
