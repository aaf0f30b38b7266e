package dev.synack.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.config.LimitsSpec;
import dev.synack.observe.CloseReason;
import dev.synack.time.ManualClock;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** idle_timeout and max_duration in virtual time: when each fires, and that activity defers only the idle one. */
class SessionTimersTest {
    private final ManualClock clock = new ManualClock();
    private final List<CloseReason> fired = new ArrayList<>();
    private final EmbeddedChannel loop = new EmbeddedChannel();

    private SessionTimers timers(Duration idle, Duration max) {
        return new SessionTimers(clock, loop.eventLoop(), new LimitsSpec(0, 0, idle, max), fired::add);
    }

    @Test
    void idleFiresAfterAQuietPeriodCountedFromTheLastActivity() {
        SessionTimers t = timers(Duration.ofSeconds(10), Duration.ZERO);
        t.accepted();
        t.connected();
        clock.advanceMillis(6_000);
        t.activity();
        clock.advanceMillis(9_999);
        assertThat(fired).as("9.999 s after the last byte").isEmpty();
        clock.advanceMillis(1);
        assertThat(fired).containsExactly(CloseReason.IDLE_TIMEOUT);
        assertThat(clock.pending()).isZero();
    }

    @Test
    void maxDurationIgnoresActivityAndCountsFromTheAccept() {
        SessionTimers t = timers(Duration.ZERO, Duration.ofSeconds(3));
        t.accepted();
        clock.advanceMillis(1_000);
        t.connected();
        for (int i = 0; i < 19; i++) {
            clock.advanceMillis(100);
            t.activity();
        }
        assertThat(fired).isEmpty();
        clock.advanceMillis(100);
        assertThat(fired).containsExactly(CloseReason.MAX_DURATION);
    }

    @Test
    void cancelledTimersNeverFire() {
        SessionTimers t = timers(Duration.ofSeconds(1), Duration.ofSeconds(2));
        t.accepted();
        t.connected();
        t.cancel();
        clock.advanceMillis(10_000);
        assertThat(fired).isEmpty();
    }

    @Test
    void zeroMeansNoTimer() {
        SessionTimers t = timers(Duration.ZERO, Duration.ZERO);
        t.accepted();
        t.connected();
        assertThat(clock.pending()).isZero();
    }
}
