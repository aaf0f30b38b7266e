package dev.synack.mirror.model;

import static dev.synack.mirror.model.ObservedEvent.ACCEPTED;
import static dev.synack.mirror.model.TcpState.CLOSED;
import static dev.synack.mirror.model.TcpState.ESTABLISHED;
import static dev.synack.mirror.model.TcpState.LISTEN;
import static dev.synack.mirror.model.TcpState.SYN_RECEIVED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What each user-space observation implies in the model. */
class ObservedEventTest {

    /** Each observation and the model events it implies, in order. */
    private static final String IMPLIES = """
            ACCEPTED           RCV_SYN RCV_ACK_OF_SYN
            CONNECT_STARTED    ACTIVE_OPEN
            CONNECTED          RCV_SYN_ACK
            REFUSED            RCV_RST
            CONNECT_TIMED_OUT  CLOSE
            FIN_READ           RCV_FIN
            FIN_SENT           CLOSE
            RST_READ           RCV_RST
            RST_SENT           ABORT
            SOCKET_CLOSED
            TIMED_OUT          USER_TIMEOUT
            """;

    @Test
    void everyObservationImpliesWhatTheTableSays() {
        Map<ObservedEvent, List<TcpEvent>> table = new EnumMap<>(ObservedEvent.class);
        for (String line : IMPLIES.split("\n")) {
            String[] cols = line.trim().split("\\s+");
            table.put(ObservedEvent.valueOf(cols[0]), Arrays.stream(cols).skip(1).map(TcpEvent::valueOf).toList());
        }

        assertThat(table).hasSize(ObservedEvent.values().length);
        for (ObservedEvent event : ObservedEvent.values()) {
            assertThat(event.implies()).as("%s", event).isEqualTo(table.get(event));
        }
    }

    @Test
    void anAcceptedSocketRecordsTheHandshakeAsInferred() {
        List<TcpState> states = new ArrayList<>(List.of(TcpStateMachine.PASSIVE.initialState()));
        for (TcpEvent event : ACCEPTED.implies()) {
            states.add(TcpStateMachine.PASSIVE.next(states.get(states.size() - 1), event).target().orElseThrow());
        }

        assertThat(states).containsExactly(LISTEN, SYN_RECEIVED, ESTABLISHED);
        assertThat(Arrays.stream(ObservedEvent.values()).filter(ObservedEvent::inferred)).containsExactly(ACCEPTED);
    }

    @Test
    void userSpaceSeesWhatItObservesExceptTheInferredHandshake() {
        for (ObservedEvent event : ObservedEvent.values()) {
            assertThat(event.implies()).as("%s", event).allMatch(e -> e.seenByUserSpace() != event.inferred());
        }
    }

    @Test
    void reportsOfKernelEventsAreTheOnesUserSpaceMayLearnLate() {
        assertThat(Arrays.stream(ObservedEvent.values()).filter(ObservedEvent::reportsKernelEvent)).containsExactlyInAnyOrder(
                ACCEPTED, ObservedEvent.CONNECTED, ObservedEvent.REFUSED, ObservedEvent.FIN_READ,
                ObservedEvent.RST_READ, ObservedEvent.TIMED_OUT);
        assertThat(ObservedEvent.FIN_READ.alreadyThrough(TcpState.LAST_ACK)).isTrue();
        assertThat(ObservedEvent.FIN_READ.alreadyThrough(TcpState.FIN_WAIT_2)).isFalse();
        assertThat(ObservedEvent.RST_READ.alreadyThrough(CLOSED)).isTrue();
        assertThat(ObservedEvent.FIN_SENT.alreadyThrough(TcpState.LAST_ACK)).as("our own calls are never old news").isFalse();
    }
}
