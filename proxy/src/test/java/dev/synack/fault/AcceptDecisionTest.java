package dev.synack.fault;

import static dev.synack.fault.FaultBench.fault;
import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.config.Cidr;
import dev.synack.config.FaultStream;
import dev.synack.config.TriggerSpec;
import dev.synack.fault.builtin.AcceptPause;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Connection-level faults: refuse and connect_delay decided at accept, accept_pause on the listener. */
class AcceptDecisionTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    void noConnectionFaultsProceed() {
        assertThat(AcceptDecision.decide(List.of(fault("latency", Map.of())), LOOPBACK, new SplittableRandom(1)))
                .isEqualTo(AcceptDecision.PROCEED);
    }

    @Test
    void refuseResetsAtAccept() {
        AcceptDecision d = AcceptDecision.decide(List.of(fault("refuse", Map.of())), LOOPBACK, new SplittableRandom(1));
        assertThat(d.refuse()).isTrue();
        assertThat(d.applied()).extracting(Fault::name).containsExactly("refuse_downstream");
    }

    @Test
    void connectDelaysAddUp() {
        AcceptDecision d = AcceptDecision.decide(List.of(
                fault("a", "connect_delay", FaultStream.DOWNSTREAM, 1, List.of(), TriggerSpec.NONE, Map.of("delay", 300)),
                fault("b", "connect_delay", FaultStream.DOWNSTREAM, 1, List.of(), TriggerSpec.NONE, Map.of("delay", 200))),
                LOOPBACK, new SplittableRandom(1));
        assertThat(d.refuse()).isFalse();
        assertThat(d.connectDelayNanos()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(500));
    }

    @Test
    void toxicityAndClientsApply() {
        Fault other = fault("r", "refuse", FaultStream.DOWNSTREAM, 1, List.of(Cidr.parse("10.0.0.0/8")), TriggerSpec.NONE, Map.of());
        assertThat(AcceptDecision.decide(List.of(other), LOOPBACK, new SplittableRandom(1)).refuse()).isFalse();
        SplittableRandom r = new SplittableRandom(5);
        Fault half = fault("refuse", FaultStream.DOWNSTREAM, 0.5, TriggerSpec.NONE, Map.of());
        long refused = java.util.stream.IntStream.range(0, 2000)
                .filter(i -> AcceptDecision.decide(List.of(half), LOOPBACK, r.split()).refuse()).count();
        assertThat(refused).isBetween(1000 - 4 * 23L, 1000 + 4 * 23L);
    }

    @Test
    void acceptPauseTurnsTheListenersAutoReadOffAndOn() {
        assertThat(AcceptDecision.pausesAccept(List.of(fault("latency", Map.of())))).isFalse();
        assertThat(AcceptDecision.pausesAccept(List.of(fault("accept_pause", Map.of())))).isTrue();
        EmbeddedChannel listener = new EmbeddedChannel();
        AcceptPause.apply(listener, true);
        assertThat(listener.config().isAutoRead()).isFalse();
        AcceptPause.apply(listener, false);
        assertThat(listener.config().isAutoRead()).isTrue();
    }
}
