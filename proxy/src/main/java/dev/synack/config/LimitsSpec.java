package dev.synack.config;

import java.time.Duration;

/**
 * Per-proxy limits. Zero means no limit: {@code maxConnections} concurrent sessions,
 * {@code maxConnectionsPerClient} concurrent sessions per client IP, {@code idleTimeout} without a byte
 * either way, {@code maxDuration} of a session's whole life.
 */
public record LimitsSpec(int maxConnections, int maxConnectionsPerClient, Duration idleTimeout, Duration maxDuration) {
    public static final LimitsSpec DEFAULT = new LimitsSpec(10_000, 0, Duration.ofMinutes(10), Duration.ZERO);
}
