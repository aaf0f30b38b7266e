package dev.synack.config;

import java.time.Duration;

/**
 * How synack connects to the service: each attempt walks the upstream list in order (failover), each
 * connect bounded by {@code timeout}; between attempts it waits as {@code backoff} says.
 */
public record ConnectSpec(Duration timeout, int attempts, BackoffSpec backoff) {
    public static final ConnectSpec DEFAULT = new ConnectSpec(Duration.ofSeconds(2), 3, BackoffSpec.DEFAULT);
}
