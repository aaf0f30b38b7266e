package dev.synack.net;

import dev.synack.testkit.Specs;
import io.netty.channel.unix.Socket;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A measurement, not a test (its name keeps it out of the suite): what reading a socket's tcp_info at its
 * end costs a session (one getsockopt of 232 bytes and the record), next to one plain getsockopt, on the
 * socket's own event loop. Run it with {@code mvn test -Dtest=TcpInfoCostProbe}; it prints MEASURE lines.
 */
class TcpInfoCostProbe {
    private static final int WARMUP = 200_000;
    private static final int N = 1_000_000;

    @Test
    void costPerSocket() throws Exception {
        for (Transport t : new Transport[] {Transport.EPOLL, Transport.IO_URING}) {
            Assumptions.assumeTrue(t.isAvailable(), t + " is not available");
            try (LoopbackPair p = LoopbackPair.open(t, Specs.of(Map.of()), Specs.of(Map.of()))) {
                Socket fd = NativeSockets.fd(p.accepted);
                double info = p.accepted.eventLoop().submit(time(ch -> TcpInfoReader.read(p.accepted).orElseThrow().rtt())).get();
                double plain = p.accepted.eventLoop().submit(time(ch -> getInt(fd))).get();
                System.out.printf("MEASURE %s tcp_info read and parsed: %.0f ns; getsockopt(SO_RCVBUF): %.0f ns%n", t, info, plain);
            }
        }
    }

    private static long getInt(Socket fd) {
        try {
            return fd.getIntOpt(1, 8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Nanoseconds per call of {@code call}, after a warm-up. */
    private static Callable<Double> time(ToLongFunction<Object> call) {
        return () -> {
            long sink = 0;
            for (int i = 0; i < WARMUP; i++) {
                sink += call.applyAsLong(null);
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < N; i++) {
                sink += call.applyAsLong(null);
            }
            double ns = (double) (System.nanoTime() - t0) / N;
            return sink == Long.MIN_VALUE ? -1 : ns;
        };
    }
}
