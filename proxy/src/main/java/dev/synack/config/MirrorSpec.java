package dev.synack.config;

import java.time.Duration;

/**
 * The mirror engine: whether it runs ({@code enabled}), how often it reads the kernel's socket tables
 * ({@code kernelPoll}), how long an ended connection stays queryable once the kernel has forgotten its
 * sockets ({@code keepClosed}), how many ended connections it tracks at most ({@code maxTracked}), and how
 * long a disagreement between a socket's mirror and the kernel may last before it is a divergence
 * ({@code divergenceGrace}), and how many tcp_info reads a second, over the process, may follow sockets'
 * handshakes at once rather than wait for the next poll ({@code handshakeReads}).
 */
public record MirrorSpec(boolean enabled, Duration kernelPoll, Duration keepClosed, int maxTracked, Duration divergenceGrace,
                         int handshakeReads) {
    /**
     * Off by default: with the mirror on, a connection costs its observations and a record kept until the
     * kernel forgets its sockets (TIME_WAIT: 60 s), which a proxy that nobody inspects should not pay (the
     * measurement is in the README's mirror section). One /proc scan a second keeps the cost of the tables
     * (~2 ms a scan, ~30 ms with 20,000 rows) well under one percent of a core. 1,000 reads a second after
     * handshakes give every connection of a test its negotiated options at once, and bound what they cost a
     * proxy under load (two getsockopt calls a connection were 3 % of its CPU with a new connection per
     * request); past the bound a socket waits for the poll.
     */
    public static final MirrorSpec DEFAULT =
            new MirrorSpec(false, Duration.ofSeconds(1), Duration.ofSeconds(30), 10_000, Duration.ofSeconds(5), 1_000);

    /** The same settings, switched on or off. */
    public MirrorSpec withEnabled(boolean on) {
        return new MirrorSpec(on, kernelPoll, keepClosed, maxTracked, divergenceGrace, handshakeReads);
    }
}
