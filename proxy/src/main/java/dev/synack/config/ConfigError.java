package dev.synack.config;

/**
 * One configuration error: where ({@code proxies[0].downstream.keepalive.idle}), what was found and what
 * was expected. {@link #toString()} is the line shown to the user.
 */
public record ConfigError(String path, String found, String expected) {
    @Override
    public String toString() {
        return path + ": " + found + " (expected: " + expected + ")";
    }
}
