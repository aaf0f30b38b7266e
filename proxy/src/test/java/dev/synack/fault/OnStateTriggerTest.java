package dev.synack.fault;

import static dev.synack.fault.FaultBench.fault;
import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.config.FaultStream;
import dev.synack.config.OnStateSpec;
import dev.synack.config.TriggerSpec;
import dev.synack.observe.Side;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code trigger: {on_state: ...}} on one direction's outbound path, in virtual time, with socket states the
 * test moves: bytes pass untouched until the socket enters the state, then the fault acts; nothing stays
 * registered once the fault is removed, updated or its channel closed.
 */
class OnStateTriggerTest {
    private static final TriggerSpec UPSTREAM_CLOSE_WAIT = TriggerSpec.onState(OnStateSpec.Socket.UPSTREAM, "CLOSE_WAIT");

    private static Fault lag(long ms) {
        return fault("lag", "latency", FaultStream.DOWNSTREAM, 1, List.of(), UPSTREAM_CLOSE_WAIT, Map.of("latency", ms));
    }

    @Test
    void bytesPassUntouchedUntilTheSocketEntersTheStateThenTheFaultActs() {
        FaultBench b = new FaultBench().add(lag(100));
        b.write("ab");
        assertThat(b.text()).isEqualTo("ab");
        b.states.enter(Side.DOWNSTREAM, "CLOSE_WAIT");
        b.states.enter(Side.UPSTREAM, "FIN_WAIT_1");
        b.settle();
        b.write("cd");
        assertThat(b.text()).as("the other socket's CLOSE_WAIT, or another state, is not the trigger").isEqualTo("abcd");
        assertThat(b.applied).isEmpty();

        b.states.enter(Side.UPSTREAM, "CLOSE_WAIT");
        assertThat(b.applied).as("the action runs on the loop, not in the mirror's call").isEmpty();
        b.settle();
        assertThat(b.applied).extracting(Fault::name).containsExactly("lag");
        b.write("ef");
        assertThat(b.text()).isEqualTo("abcd");
        b.advanceMillis(100);
        assertThat(b.text()).isEqualTo("abcdef");
        assertThat(b.states.waiting()).isZero();
    }

    @Test
    void aSocketInTheStateAlreadyMakesTheFaultActAtOnce() {
        FaultBench b = new FaultBench();
        b.states.enter(Side.UPSTREAM, "CLOSE_WAIT");
        b.add(fault("timeout", FaultStream.DOWNSTREAM, 1, UPSTREAM_CLOSE_WAIT, Map.of("timeout", 0)));
        b.write("abc");
        assertThat(b.text()).isEmpty();
        assertThat(b.discarded).isEqualTo(3);
        assertThat(b.states.waiting()).isZero();
    }

    @Test
    void aRemovedFaultLeavesNothingWaitingAndNeverActs() {
        FaultBench b = new FaultBench().add(lag(100));
        assertThat(b.states.waiting()).isEqualTo(1);
        b.chain.remove("lag");
        assertThat(b.states.waiting()).isZero();
        b.states.enter(Side.UPSTREAM, "CLOSE_WAIT");
        b.settle();
        assertThat(b.applied).isEmpty();
    }

    @Test
    void aRunOnItsWayToTheLoopWhenTheFaultIsRemovedDoesNothing() {
        FaultBench b = new FaultBench().add(lag(100));
        b.states.enter(Side.UPSTREAM, "CLOSE_WAIT");
        b.chain.remove("lag");
        b.settle();
        assertThat(b.applied).isEmpty();
    }

    @Test
    void anUpdateBeforeTheStateWaitsOnceWithTheNewValues() {
        FaultBench b = new FaultBench().add(lag(100));
        b.chain.update(lag(30));
        b.settle();
        assertThat(b.states.waiting()).isEqualTo(1);
        b.states.enter(Side.UPSTREAM, "CLOSE_WAIT");
        b.settle();
        b.write("x");
        b.advanceMillis(30);
        assertThat(b.events).extracting(FaultBench.Event::millis).containsExactly(30L);
        assertThat(b.applied).hasSize(1);
    }

    @Test
    void anUpdateAfterTheStateKeepsTheFaultActing() {
        FaultBench b = new FaultBench().add(lag(100));
        b.states.enter(Side.UPSTREAM, "CLOSE_WAIT");
        b.settle();
        b.chain.update(lag(30));
        b.settle();
        assertThat(b.states.waiting()).isZero();
        b.write("x");
        assertThat(b.text()).isEmpty();
        b.advanceMillis(30);
        assertThat(b.text()).isEqualTo("x");
        assertThat(b.applied).as("an update is no new application").hasSize(1);
    }

    @Test
    void aClosedChannelLeavesNothingWaiting() {
        FaultBench b = new FaultBench().add(lag(100));
        b.channel.close();
        b.settle();
        assertThat(b.states.waiting()).isZero();
    }
}
