package dev.synack.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.config.BackoffSpec;
import java.time.Duration;
import java.util.random.RandomGenerator;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Random decisions replay from the seed: a proxy's stream depends on the run's seed and the proxy's name
 * only, a session's on its proxy's seed and its accept order only; the backoff draws from it.
 */
class SeedTest {
    private static final BackoffSpec JITTERED = new BackoffSpec(Duration.ofMillis(100), 2.0, Duration.ofSeconds(5), 0.5);

    @Test
    void aProxysSeedDependsOnTheRunsSeedAndItsName() {
        assertThat(ProxyRegistry.proxySeed(42, "web")).isEqualTo(ProxyRegistry.proxySeed(42, "web"));
        assertThat(ProxyRegistry.proxySeed(42, "web")).isNotEqualTo(ProxyRegistry.proxySeed(43, "web"));
        assertThat(ProxyRegistry.proxySeed(42, "web")).isNotEqualTo(ProxyRegistry.proxySeed(42, "db"));
    }

    @Test
    void theSameSeedAndAcceptOrderGiveTheSameBackoffWaits() {
        long proxySeed = ProxyRegistry.proxySeed(7, "web");
        assertThat(waits(proxySeed, 3)).containsExactly(waits(proxySeed, 3));
        assertThat(waits(proxySeed, 3)).as("another session of the same proxy").isNotEqualTo(waits(proxySeed, 4));
        assertThat(waits(ProxyRegistry.proxySeed(8, "web"), 3)).as("another seed").isNotEqualTo(waits(proxySeed, 3));
    }

    /** The eight backoff waits of the {@code sequence}-th session of a proxy seeded {@code proxySeed}. */
    private static long[] waits(long proxySeed, long sequence) {
        ProxyContext ctx = new ProxyContext(null, null, null, null, proxySeed, null, null, null, null, null, null);
        RandomGenerator r = ctx.random(sequence);
        return LongStream.rangeClosed(1, 8).map(n -> Backoff.delayNanos(JITTERED, (int) n, r)).toArray();
    }
}
