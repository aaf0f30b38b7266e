package dev.synack.config;

import java.time.Duration;

/** Graceful shutdown: stop accepting, let sessions drain for {@code drain}, then reset the rest. */
public record ShutdownSpec(Duration drain) {
    public static final ShutdownSpec DEFAULT = new ShutdownSpec(Duration.ofSeconds(10));
}
