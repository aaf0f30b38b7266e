package dev.synack.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.config.BackoffSpec;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The backoff's waits: exponential, capped, jittered within bounds, and replayable from a seed. */
class BackoffTest {
    private static final BackoffSpec SPEC = new BackoffSpec(Duration.ofMillis(100), 2.0, Duration.ofSeconds(1), 0.2);

    @Test
    void withoutJitterTheWaitsDoubleUpToTheCap() {
        BackoffSpec exact = new BackoffSpec(Duration.ofMillis(100), 2.0, Duration.ofMillis(500), 0.0);
        assertThat(IntStream.rangeClosed(1, 5).mapToLong(n -> Backoff.delayNanos(exact, n, new SplittableRandom(1)) / 1_000_000))
                .containsExactly(100L, 200L, 400L, 500L, 500L);
    }

    @Test
    void jitterStaysWithinItsBounds() {
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 10_000; i++) {
            long ms = Backoff.delayNanos(SPEC, 1, r) / 1_000_000;
            assertThat(ms).isBetween(80L, 120L);
        }
    }

    @Test
    void theSameSeedGivesTheSameWaitsAndAnotherSeedOthers() {
        long[] a = waits(42);
        assertThat(waits(42)).containsExactly(a);
        assertThat(waits(43)).isNotEqualTo(a);
    }

    private static long[] waits(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        return IntStream.rangeClosed(1, 8).mapToLong(n -> Backoff.delayNanos(SPEC, n, r)).toArray();
    }
}
