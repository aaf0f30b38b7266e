package dev.synack.fault.builtin;

import static dev.synack.fault.FaultBench.fault;
import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.fault.FaultBench;
import dev.synack.fault.StreamEnd;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code bandwidth} in virtual time: the rate over seconds, rate 0 as a stall, backpressure, live changes. */
class BandwidthHandlerTest {
    private static long bytesBy(FaultBench b, long millis) {
        return b.events.stream().filter(e -> e.bytes() != null && e.millis() <= millis).mapToLong(e -> e.bytes().length).sum();
    }

    @Test
    void holdsTheRateWithinTenPercentOverTwoSeconds() {
        FaultBench b = new FaultBench().add(fault("bandwidth", Map.of("rate", 100)));
        byte[] payload = Payloads.random(1_000_000, 3);
        Payloads.writeInChunks(b, payload, 128 * 1024, 0);
        b.advanceMillis(10_000);
        assertThat(bytesBy(b, 2000)).isBetween(180_000L, 220_000L);
        assertThat(bytesBy(b, 5000)).isBetween(450_000L, 550_000L);
        assertThat(bytesBy(b, 10_000)).isEqualTo(1_000_000L);
        assertThat(b.bytes()).isEqualTo(payload);
        // no piece larger than 20 ms worth
        assertThat(b.events).allSatisfy(e -> assertThat(e.bytes().length).isLessThanOrEqualTo(2000));
    }

    @Test
    void timersThatFireLateDoNotSlowTheRate() {
        FaultBench b = new FaultBench().add(fault("bandwidth", Map.of("rate", 100)));
        b.clock.lateBy(TimeUnit.MILLISECONDS.toNanos(5));
        Payloads.writeInChunks(b, Payloads.random(1_000_000, 4), 128 * 1024, 0);
        b.advanceMillis(5000);
        // each 20 ms timer 5 ms late would lose a fifth of the rate (400,000 bytes by 5 s)
        assertThat(bytesBy(b, 5000)).isBetween(480_000L, 520_000L);
    }

    @Test
    void aSlowTrickleOfSmallWritesIsNotDelayedByIdleTime() {
        FaultBench b = new FaultBench().add(fault("bandwidth", Map.of("rate", 1)));
        b.write("x");
        b.advanceMillis(5000);
        b.write("y");
        assertThat(b.text()).isEqualTo("xy");
        assertThat(b.events.get(1).millis()).isEqualTo(5000L);
    }

    @Test
    void whatItHoldsBeyondTheHighMarkMakesTheChannelUnwritable() {
        // 100 KB/s: 2000 bytes every 20 ms; the bench's marks are 32 KiB and 64 KiB
        FaultBench b = new FaultBench().add(fault("bandwidth", Map.of("rate", 100)));
        b.write(new byte[60_000]);
        assertThat(b.channel.isWritable()).isTrue();
        b.write(new byte[10_000]);
        assertThat(b.channel.isWritable()).as("68000 held").isFalse();
        b.advanceMillis(300);
        assertThat(b.channel.isWritable()).as("38000 held, above the low mark").isFalse();
        b.advanceMillis(60);
        assertThat(b.channel.isWritable()).as("32000 held").isTrue();
        assertThat(b.writabilityChanges).containsExactly(false, true);
    }

    @Test
    void rateZeroStallsWithoutClosingAndRemovalResumes() {
        FaultBench b = new FaultBench().add(fault("bandwidth", Map.of("rate", 0)));
        b.write("abc");
        b.fin();
        b.advanceMillis(3_600_000);
        assertThat(b.events).isEmpty();
        assertThat(b.channel.isOpen()).isTrue();
        b.chain.remove("bandwidth_downstream");
        b.settle();
        assertThat(b.text()).isEqualTo("abc");
        assertThat(b.ends()).containsExactly(StreamEnd.FIN);
        assertThat(b.channel.isWritable()).isTrue();
    }

    @Test
    void rateZeroHoldsTheSenderBackThroughWritability() {
        FaultBench b = new FaultBench().add(fault("bandwidth", Map.of("rate", 0)));
        b.write(new byte[70_000]);
        assertThat(b.channel.isWritable()).isFalse();
        b.chain.remove("bandwidth_downstream");
        b.settle();
        assertThat(b.channel.isWritable()).isTrue();
        assertThat(b.bytes()).hasSize(70_000);
    }

    @Test
    void anUpdateFromZeroPacesWhatWasHeld() {
        FaultBench b = new FaultBench().add(fault("bandwidth", Map.of("rate", 0)));
        byte[] payload = Payloads.random(200_000, 4);
        Payloads.writeInChunks(b, payload, 10_000, 0);
        b.advanceMillis(1000);
        b.chain.update(fault("bandwidth", Map.of("rate", 100)));
        b.settle();
        b.advanceMillis(999);
        assertThat(bytesBy(b, 1999)).isBetween(90_000L, 110_000L);
        b.advanceMillis(2000);
        assertThat(b.bytes()).isEqualTo(payload);
    }

    @Test
    void theFinWaitsBehindTheBytes() {
        FaultBench b = new FaultBench().add(fault("bandwidth", Map.of("rate", 10)));
        b.write(new byte[1000]);
        b.fin();
        assertThat(b.ends()).isEmpty();
        b.advanceMillis(100);
        assertThat(b.ends()).containsExactly(StreamEnd.FIN);
        assertThat(b.endMillis()).isEqualTo(80L);
    }
}
