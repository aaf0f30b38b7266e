package dev.synack.mirror.model;

import static dev.synack.mirror.model.ObservedEvent.ACCEPTED;
import static dev.synack.mirror.model.ObservedEvent.CONNECTED;
import static dev.synack.mirror.model.ObservedEvent.CONNECT_STARTED;
import static dev.synack.mirror.model.ObservedEvent.FIN_READ;
import static dev.synack.mirror.model.ObservedEvent.FIN_SENT;
import static dev.synack.mirror.model.ObservedEvent.REFUSED;
import static dev.synack.mirror.model.ObservedEvent.RST_SENT;
import static dev.synack.mirror.model.ObservedEvent.SOCKET_CLOSED;
import static dev.synack.mirror.model.TcpState.CLOSED;
import static dev.synack.mirror.model.TcpState.CLOSE_WAIT;
import static dev.synack.mirror.model.TcpState.CLOSING;
import static dev.synack.mirror.model.TcpState.ESTABLISHED;
import static dev.synack.mirror.model.TcpState.FIN_WAIT_1;
import static dev.synack.mirror.model.TcpState.FIN_WAIT_2;
import static dev.synack.mirror.model.TcpState.LAST_ACK;
import static dev.synack.mirror.model.TcpState.LISTEN;
import static dev.synack.mirror.model.TcpState.SYN_RECEIVED;
import static dev.synack.mirror.model.TcpState.SYN_SENT;
import static dev.synack.mirror.model.TcpState.TIME_WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The states a kernel may be in after what user space observed, on the close paths that matter. */
class PossibleStatesTest {
    private static final PossibleStates DOWNSTREAM = PossibleStates.initial(TcpStateMachine.PASSIVE);
    private static final PossibleStates UPSTREAM = PossibleStates.initial(TcpStateMachine.ACTIVE);

    @Test
    void beforeAnyObservationTheKernelMayBeWhereverItGetsOnItsOwn() {
        assertThat(DOWNSTREAM.states()).containsExactlyInAnyOrder(LISTEN, SYN_RECEIVED, ESTABLISHED, CLOSE_WAIT, CLOSED);
        assertThat(UPSTREAM.states()).containsExactly(CLOSED);
        assertThat(UPSTREAM.after(CONNECT_STARTED).states())
                .containsExactlyInAnyOrder(SYN_SENT, SYN_RECEIVED, ESTABLISHED, CLOSE_WAIT, CLOSED);
    }

    @Test
    void anAcceptedSocketMayAlreadyHoldAnUnreadFin() {
        assertThat(DOWNSTREAM.after(ACCEPTED).states()).containsExactlyInAnyOrder(ESTABLISHED, CLOSE_WAIT, CLOSED);
    }

    /** The measured path: the FIN arrives unread, ours leaves from CLOSE_WAIT, the FIN is read last. */
    @Test
    void ourFinAfterAnUnreadFinMayLeaveFromCloseWaitToLastAck() {
        PossibleStates finSent = DOWNSTREAM.after(ACCEPTED).after(FIN_SENT);
        assertThat(finSent.states()).containsExactlyInAnyOrder(FIN_WAIT_1, FIN_WAIT_2, CLOSING, TIME_WAIT, LAST_ACK, CLOSED);

        PossibleStates finRead = finSent.after(FIN_READ);
        assertThat(finRead.states()).containsExactlyInAnyOrder(CLOSING, TIME_WAIT, LAST_ACK, CLOSED)
                .doesNotContain(FIN_WAIT_1, FIN_WAIT_2);
        assertThat(finRead.after(SOCKET_CLOSED).states()).as("closing the fd changes nothing").isEqualTo(finRead.states());
    }

    @Test
    void aFinReadBeforeOursLeavesMeansLastAck() {
        PossibleStates states = UPSTREAM.after(CONNECT_STARTED).after(CONNECTED).after(FIN_READ).after(FIN_SENT);

        assertThat(states.states()).containsExactlyInAnyOrder(LAST_ACK, CLOSED);
    }

    @Test
    void aRefusedConnectLeavesOnlyClosed() {
        assertThat(UPSTREAM.after(CONNECT_STARTED).after(REFUSED).states()).containsExactly(CLOSED);
    }

    @Test
    void anObservationNoStateExplainsLeavesNothing() {
        PossibleStates states = DOWNSTREAM.after(ACCEPTED).after(RST_SENT).after(FIN_SENT);

        assertThat(states.isEmpty()).isTrue();
        assertThat(DOWNSTREAM.isEmpty()).isFalse();
    }
}
