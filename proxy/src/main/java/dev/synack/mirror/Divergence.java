package dev.synack.mirror;

import dev.synack.observe.Side;

/**
 * One divergence of one socket: which connection and socket, its kind, since when (monotonic nanos) and
 * what it means in plain words.
 */
public record Divergence(long connection, String proxy, Side socket, DivergenceKind kind, long sinceNanos, String explanation) {}
