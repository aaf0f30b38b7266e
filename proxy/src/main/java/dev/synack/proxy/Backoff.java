package dev.synack.proxy;

import dev.synack.config.BackoffSpec;
import java.util.random.RandomGenerator;

/**
 * The wait before connect attempt {@code n + 1}: {@code min(max, initial * multiplier^(n-1))} scaled by a
 * uniform factor in {@code [1 - jitter, 1 + jitter]} drawn from the given generator.
 */
final class Backoff {
    private Backoff() {}

    /** Nanoseconds to wait after the {@code failedAttempt}-th attempt (1-based) failed. */
    static long delayNanos(BackoffSpec spec, int failedAttempt, RandomGenerator random) {
        double base = spec.initial().toNanos() * Math.pow(spec.multiplier(), failedAttempt - 1);
        double capped = Math.min(base, spec.max().toNanos());
        double factor = spec.jitter() == 0 ? 1 : 1 + spec.jitter() * (2 * random.nextDouble() - 1);
        return Math.max(0, Math.round(capped * factor));
    }
}
