package dev.synack.mirror;

import java.time.Duration;

/**
 * How the engine runs: the interval of its kernel scans, how long an ended connection stays queryable
 * once the kernel has forgotten its sockets, how many ended connections it tracks at most, the grace a
 * disagreement gets before it is a divergence, and how many tcp_info reads a second (over the engine) may
 * follow sockets' handshakes at once: 0 for none, every socket then waiting for the poll.
 */
public record MirrorOptions(Duration kernelPoll, Duration keepClosed, int maxTracked, Duration divergenceGrace,
                           int handshakeReads) {
    public MirrorOptions {
        if (kernelPoll.isNegative() || kernelPoll.isZero()) {
            throw new IllegalArgumentException("kernelPoll must be > 0: " + kernelPoll);
        }
        if (handshakeReads < 0) {
            throw new IllegalArgumentException("handshakeReads must be >= 0: " + handshakeReads);
        }
    }

    public static MirrorOptions defaults() {
        return new MirrorOptions(Duration.ofSeconds(1), Duration.ofSeconds(30), 10_000, Duration.ofSeconds(5), 1_000);
    }
}
