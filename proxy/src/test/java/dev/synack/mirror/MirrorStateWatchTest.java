package dev.synack.mirror;

import static dev.synack.mirror.model.LinuxTcpState.CLOSE_WAIT;
import static dev.synack.mirror.model.LinuxTcpState.ESTABLISHED;
import static dev.synack.mirror.model.LinuxTcpState.LAST_ACK;
import static dev.synack.observe.Side.DOWNSTREAM;
import static dev.synack.observe.Side.UPSTREAM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.config.OnStateSpec;
import dev.synack.mirror.model.TcpState;
import dev.synack.observe.CloseReason;
import dev.synack.observe.ConnectOutcome;
import dev.synack.observe.Peer;
import dev.synack.observe.Side;
import dev.synack.observe.SocketStates;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The engine as {@link SocketStates}: an action runs once, on the session's loop, when its socket's mirror
 * enters the state; at once when it is there already; never after a cancel or the connection's end, and
 * nothing stays registered after either.
 */
class MirrorStateWatchTest {
    private final List<String> ran = new ArrayList<>();

    private SocketStates.Registration watch(Script s, Side side, String state) {
        return s.engine.whenState(s.c.id(), side, state, () -> ran.add(side.key() + " " + state));
    }

    @Test
    void theActionRunsOnTheLoopWhenTheSocketEntersTheState() {
        Script s = MirrorEngineTest.established().loop();
        watch(s, UPSTREAM, "CLOSE_WAIT");
        watch(s, DOWNSTREAM, "CLOSE_WAIT");
        assertThat(s.engine.stateWatches()).isEqualTo(2);

        s.at(10).kernel(UPSTREAM, CLOSE_WAIT).finRead(UPSTREAM);
        assertThat(ran).as("not on the observer's call: on the loop").isEmpty();
        s.loop();
        assertThat(ran).containsExactly("upstream CLOSE_WAIT");
        assertThat(s.engine.stateWatches()).isEqualTo(1);
        s.loop();
        assertThat(ran).as("once").hasSize(1);
    }

    @Test
    void aSocketInTheStateAlreadyRunsItAtOnce() {
        Script s = MirrorEngineTest.established().loop();
        assertThat(watch(s, DOWNSTREAM, "ESTABLISHED")).isSameAs(SocketStates.Registration.NONE);
        assertThat(ran).containsExactly("downstream ESTABLISHED");
        assertThat(s.engine.stateWatches()).isZero();
    }

    @Test
    void aCancelledActionNeverRunsEvenWhenItsRunIsOnItsWay() {
        Script s = MirrorEngineTest.established().loop();
        watch(s, UPSTREAM, "FIN_WAIT_1").cancel();
        assertThat(s.engine.stateWatches()).isZero();
        SocketStates.Registration late = watch(s, UPSTREAM, "CLOSE_WAIT");
        s.at(10).kernel(UPSTREAM, CLOSE_WAIT).finRead(UPSTREAM);
        late.cancel();
        s.at(11).finSent(UPSTREAM).loop();
        assertThat(ran).isEmpty();
        assertThat(s.engine.stateWatches()).isZero();
    }

    @Test
    void theConnectionsEndForgetsWhatWaits() {
        Script s = MirrorEngineTest.established().loop();
        watch(s, UPSTREAM, "TIME_WAIT");
        watch(s, DOWNSTREAM, "FIN_WAIT_2");
        s.at(5).rstRead(DOWNSTREAM).fdClosed(DOWNSTREAM).rstSent(UPSTREAM).fdClosed(UPSTREAM)
                .ended(CloseReason.CLIENT_RST, Peer.CLIENT).loop();
        assertThat(s.engine.stateWatches()).isZero();
        assertThat(watch(s, DOWNSTREAM, "CLOSED")).isSameAs(SocketStates.Registration.NONE);
        s.loop();
        assertThat(ran).isEmpty();
        assertThat(s.engine.stateWatches()).isZero();
    }

    @Test
    void anUnknownConnectionNeverRunsIt() {
        Script s = new Script();
        assertThat(s.engine.whenState(99, UPSTREAM, "CLOSED", () -> ran.add("?"))).isSameAs(SocketStates.Registration.NONE);
        assertThat(ran).isEmpty();
    }

    /** Before its connect the upstream socket is in no state: CLOSED is entered when an attempt fails, not at accept. */
    @Test
    void aSocketNotOpenedYetEntersItsStatesAnew() {
        Script s = new Script().kernel(DOWNSTREAM, ESTABLISHED).accepted().loop();
        watch(s, UPSTREAM, "CLOSED");
        assertThat(ran).isEmpty();
        s.at(1).connect().at(2).connectFailed(ConnectOutcome.REFUSED).loop();
        assertThat(ran).containsExactly("upstream CLOSED");
    }

    /** A realignment rebuilds the socket's life: a state it reveals is entered; one it had been in is not, again. */
    @Test
    void aRealignmentEntersOnlyTheStatesItReveals() {
        Script s = MirrorEngineTest.established();
        s.at(10).kernel(DOWNSTREAM, CLOSE_WAIT).finRead(DOWNSTREAM).loop();
        s.at(11).kernel(UPSTREAM, LAST_ACK).finSent(UPSTREAM).loop();
        watch(s, UPSTREAM, "CLOSE_WAIT");
        watch(s, UPSTREAM, "SYN_SENT");
        s.poll();
        assertThat(s.steps(UPSTREAM)).contains("fin_arrived CLOSE_WAIT ?");
        assertThat(ran).containsExactly("upstream CLOSE_WAIT");
        assertThat(s.engine.stateWatches()).isEqualTo(1);
    }

    /** Config checks on_state's states against its own list (it imports nothing of the mirror): the same eleven. */
    @Test
    void configSpellsTheStatesAsTheMirror() {
        assertThat(OnStateSpec.STATES).isEqualTo(Arrays.stream(TcpState.values()).map(TcpState::name).toList());
    }
}
