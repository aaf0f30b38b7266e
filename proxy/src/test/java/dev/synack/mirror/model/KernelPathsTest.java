package dev.synack.mirror.model;

import static dev.synack.mirror.model.TcpEvent.CLOSE;
import static dev.synack.mirror.model.TcpEvent.RCV_ACK_OF_FIN;
import static dev.synack.mirror.model.TcpEvent.RCV_ACK_OF_SYN;
import static dev.synack.mirror.model.TcpEvent.RCV_FIN;
import static dev.synack.mirror.model.TcpEvent.RCV_FIN_ACK_OF_FIN;
import static dev.synack.mirror.model.TcpEvent.RCV_SYN;
import static dev.synack.mirror.model.TcpState.CLOSED;
import static dev.synack.mirror.model.TcpState.CLOSE_WAIT;
import static dev.synack.mirror.model.TcpState.CLOSING;
import static dev.synack.mirror.model.TcpState.ESTABLISHED;
import static dev.synack.mirror.model.TcpState.FIN_WAIT_1;
import static dev.synack.mirror.model.TcpState.FIN_WAIT_2;
import static dev.synack.mirror.model.TcpState.LAST_ACK;
import static dev.synack.mirror.model.TcpState.LISTEN;
import static dev.synack.mirror.model.TcpState.SYN_RECEIVED;
import static dev.synack.mirror.model.TcpState.TIME_WAIT;
import static dev.synack.mirror.model.TcpStateMachine.ACTIVE;
import static dev.synack.mirror.model.TcpStateMachine.PASSIVE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Where the kernel can go on its own (segments and timers), and what user space does not see. */
class KernelPathsTest {

    /** From each state (active open), the states the kernel reaches with no call from user space. */
    private static final String REACHABLE = """
            CLOSED        CLOSED
            LISTEN        LISTEN SYN_RECEIVED ESTABLISHED CLOSE_WAIT CLOSED
            SYN_SENT      SYN_SENT SYN_RECEIVED ESTABLISHED CLOSE_WAIT CLOSED
            SYN_RECEIVED  SYN_RECEIVED ESTABLISHED CLOSE_WAIT CLOSED
            ESTABLISHED   ESTABLISHED CLOSE_WAIT CLOSED
            FIN_WAIT_1    FIN_WAIT_1 FIN_WAIT_2 CLOSING TIME_WAIT CLOSED
            FIN_WAIT_2    FIN_WAIT_2 TIME_WAIT CLOSED
            CLOSE_WAIT    CLOSE_WAIT CLOSED
            CLOSING       CLOSING TIME_WAIT CLOSED
            LAST_ACK      LAST_ACK CLOSED
            TIME_WAIT     TIME_WAIT CLOSED
            """;

    @Test
    void theKernelReachesOnItsOwnWhatTheTableSays() {
        for (String line : REACHABLE.split("\n")) {
            List<TcpState> cols = Arrays.stream(line.trim().split("\\s+")).map(TcpState::valueOf).toList();
            assertThat(ACTIVE.kernelReachable(cols.get(0))).as("from %s", cols.get(0))
                    .containsExactlyInAnyOrderElementsOf(cols.subList(1, cols.size()));
        }
        // A passively opened connection can also fall back to LISTEN on an RST in SYN_RECEIVED.
        assertThat(PASSIVE.kernelReachable(SYN_RECEIVED)).containsExactlyInAnyOrder(SYN_RECEIVED, LISTEN, ESTABLISHED, CLOSE_WAIT, CLOSED);
    }

    @Test
    void aKernelAheadOfItsMirrorIsAlongAPathOfSegmentsAndTimers() {
        assertThat(ACTIVE.isKernelAhead(ESTABLISHED, CLOSE_WAIT)).as("a FIN arrived, not read yet").isTrue();
        assertThat(ACTIVE.isKernelAhead(FIN_WAIT_1, TIME_WAIT)).isTrue();
        assertThat(ACTIVE.isKernelAhead(LAST_ACK, CLOSED)).isTrue();
        assertThat(ACTIVE.isKernelAhead(ESTABLISHED, ESTABLISHED)).as("equal is not ahead").isFalse();
        assertThat(ACTIVE.isKernelAhead(ESTABLISHED, FIN_WAIT_1)).as("only our CLOSE sends a FIN").isFalse();
        assertThat(ACTIVE.isKernelAhead(CLOSE_WAIT, LAST_ACK)).isFalse();
        assertThat(ACTIVE.isKernelAhead(TIME_WAIT, FIN_WAIT_2)).as("never backwards").isFalse();
    }

    @Test
    void theKernelPathIsAShortestOne() {
        assertThat(pathEvents(ACTIVE, FIN_WAIT_1, TIME_WAIT)).containsExactly(RCV_FIN_ACK_OF_FIN);
        assertThat(pathEvents(ACTIVE, FIN_WAIT_1, FIN_WAIT_2)).containsExactly(RCV_ACK_OF_FIN);
        assertThat(pathEvents(PASSIVE, LISTEN, ESTABLISHED)).containsExactly(RCV_SYN, RCV_ACK_OF_SYN);
        assertThat(pathEvents(ACTIVE, CLOSING, CLOSING)).isEmpty();
        assertThat(ACTIVE.kernelPath(CLOSE_WAIT, LAST_ACK)).as("only our CLOSE gets there").isEmpty();
    }

    private static List<TcpEvent> pathEvents(TcpStateMachine machine, TcpState from, TcpState to) {
        return machine.kernelPath(from, to).orElseThrow().stream().map(Transition.Allowed::event).toList();
    }

    @Test
    void userSpaceDoesNotSeeTheAckOfItsFinTheExpiryOfTimeWaitOrTheHandshakeBeforeAccept() {
        Set<TcpEvent> unseen = Arrays.stream(TcpEvent.values()).filter(e -> !e.seenByUserSpace())
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(TcpEvent.class)));

        assertThat(unseen).containsExactlyInAnyOrder(RCV_SYN, RCV_ACK_OF_SYN, RCV_ACK_OF_FIN, RCV_FIN_ACK_OF_FIN,
                TcpEvent.TIME_WAIT_TIMEOUT, TcpEvent.SOCKET_DELETED);
        assertThat(((Transition.Allowed) ACTIVE.next(LAST_ACK, RCV_ACK_OF_FIN)).seenByUserSpace()).isFalse();
        assertThat(((Transition.Allowed) ACTIVE.next(ESTABLISHED, RCV_FIN)).seenByUserSpace()).isTrue();
    }

    @Test
    void theKernelMovesOnItsOwnBySegmentsAndTimersOnly() {
        assertThat(Arrays.stream(TcpEvent.values()).filter(TcpEvent::withoutUserSpace))
                .allMatch(e -> e.kind() == TcpEvent.Kind.SEGMENT || e.kind() == TcpEvent.Kind.TIMER)
                .hasSize(9);
    }

    /**
     * Measured on Linux: when the peer's FIN has arrived before ours leaves, the socket goes ESTABLISHED
     * → CLOSE_WAIT → LAST_ACK → gone and never enters FIN_WAIT_1.
     */
    @Test
    void aFinThatArrivesBeforeOursLeavesMeansLastAckNeverFinWait1() {
        assertThat(ACTIVE.next(ESTABLISHED, RCV_FIN).target()).contains(CLOSE_WAIT);
        assertThat(ACTIVE.next(CLOSE_WAIT, CLOSE).target()).contains(LAST_ACK);
        assertThat(ACTIVE.next(LAST_ACK, RCV_ACK_OF_FIN).target()).contains(CLOSED);

        assertThat(statesOfThisConnectionFrom(CLOSE_WAIT)).containsExactlyInAnyOrder(CLOSE_WAIT, LAST_ACK, CLOSED)
                .doesNotContain(FIN_WAIT_1, FIN_WAIT_2, CLOSING, TIME_WAIT);
    }

    /** Every state reachable by any event, user calls included, until the connection ends in CLOSED. */
    private static Set<TcpState> statesOfThisConnectionFrom(TcpState start) {
        Set<TcpState> seen = EnumSet.of(start);
        Deque<TcpState> queue = new ArrayDeque<>(seen);
        while (!queue.isEmpty()) {
            TcpState state = queue.remove();
            if (state == CLOSED) {
                continue; // a new OPEN would be another connection
            }
            for (TcpEvent event : TcpEvent.values()) {
                ACTIVE.next(state, event).target().filter(seen::add).ifPresent(queue::add);
            }
        }
        return seen;
    }
}
