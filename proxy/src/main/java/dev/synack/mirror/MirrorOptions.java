package dev.synack.mirror;

import java.time.Duration;

/**
 * How the engine runs: the interval of its kernel scans, how long an ended connection stays queryable
 * once the kernel has forgotten its sockets, how many ended connections it tracks at most, the grace a
 * disagreement gets before it is a divergence, and whether each mirror transition reads tcp_info.
 */
public record MirrorOptions(Duration kernelPoll, Duration keepClosed, int maxTracked, Duration divergenceGrace,
                           boolean sampleOnTransition) {
    public MirrorOptions {
        if (kernelPoll.isNegative() || kernelPoll.isZero()) {
            throw new IllegalArgumentException("kernelPoll must be > 0: " + kernelPoll);
        }
    }

    public static MirrorOptions defaults() {
        return new MirrorOptions(Duration.ofSeconds(1), Duration.ofSeconds(30), 10_000, Duration.ofSeconds(5), true);
    }
}
