package dev.synack.config;

import java.time.Duration;
import java.util.List;

/**
 * Reads the top-level {@code mirror} block. An omitted block is {@link MirrorSpec#DEFAULT}, an omitted
 * key that key of the default; each bad value is one error with its path.
 */
final class MirrorReader {
    static final List<String> KEYS = List.of("enabled", "kernel_poll", "keep_closed", "max_tracked", "divergence_grace",
            "handshake_reads");

    /** Below this, scanning /proc/net/tcp (~2 ms even when nearly empty) would cost more than it tells. */
    private static final Duration MIN_POLL = Duration.ofMillis(100);
    private static final Duration MAX_POLL = Duration.ofMinutes(1);
    private static final Duration MAX_KEEP = Duration.ofHours(1);
    private static final Duration MIN_GRACE = Duration.ofMillis(100);
    private static final Duration MAX_GRACE = Duration.ofHours(1);
    private static final int MAX_TRACKED = 1_000_000;
    private static final int MAX_HANDSHAKE_READS = 1_000_000;

    private MirrorReader() {}

    static MirrorSpec read(Node n) {
        MirrorSpec d = MirrorSpec.DEFAULT;
        if (!n.mapping(KEYS, Expect.mappingOf(KEYS))) {
            return d;
        }
        Boolean enabled = n.get("enabled").bool();
        Duration poll = Values.duration(n.get("kernel_poll"), MIN_POLL, MAX_POLL);
        Duration keep = Values.duration(n.get("keep_closed"), Duration.ZERO, MAX_KEEP);
        Integer tracked = Values.integer(n.get("max_tracked"), 0, MAX_TRACKED);
        Duration grace = Values.duration(n.get("divergence_grace"), MIN_GRACE, MAX_GRACE);
        Integer reads = Values.integer(n.get("handshake_reads"), 0, MAX_HANDSHAKE_READS);
        return new MirrorSpec(Values.or(enabled, d.enabled()), Values.or(poll, d.kernelPoll()), Values.or(keep, d.keepClosed()),
                Values.or(tracked, d.maxTracked()), Values.or(grace, d.divergenceGrace()), Values.or(reads, d.handshakeReads()));
    }
}
