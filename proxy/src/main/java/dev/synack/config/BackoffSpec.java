package dev.synack.config;

import java.time.Duration;

/**
 * Exponential backoff between connect attempts: the n-th wait is {@code min(max, initial * multiplier^(n-1))},
 * then scaled by a uniform factor in {@code [1 - jitter, 1 + jitter]}.
 */
public record BackoffSpec(Duration initial, double multiplier, Duration max, double jitter) {
    public static final BackoffSpec DEFAULT = new BackoffSpec(Duration.ofMillis(100), 2.0, Duration.ofSeconds(2), 0.2);
}
