package dev.synack.mirror.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every state × event pair of both machines against one table: each line an arrow of RFC 9293's Figure 5
 * or of its event processing (§3.10), every pair not listed forbidden.
 */
class TcpStateMachineTest {

    /**
     * The allowed transitions, grouped by the state they leave. "LISTEN|CLOSED" means LISTEN for a
     * passive open and CLOSED for an active one. Every state × event pair not listed is forbidden.
     */
    private static final String ALLOWED = """
            CLOSED        PASSIVE_OPEN        LISTEN         Figure 5: create TCB
            CLOSED        ACTIVE_OPEN         SYN_SENT       Figure 5: create TCB, snd SYN

            LISTEN        ACTIVE_OPEN         SYN_SENT       §3.10.1: the listener turns active
            LISTEN        SEND                SYN_SENT       Figure 5: snd SYN
            LISTEN        CLOSE               CLOSED         Figure 5: delete TCB
            LISTEN        ABORT               CLOSED         §3.10.5
            LISTEN        RCV_SYN             SYN_RECEIVED   Figure 5: snd SYN,ACK
            LISTEN        RCV_RST             LISTEN         §3.10.7.2: ignored
            LISTEN        SOCKET_DELETED      CLOSED

            SYN_SENT      SEND                SYN_SENT       §3.10.2: queued
            SYN_SENT      CLOSE               CLOSED         Figure 5: delete TCB
            SYN_SENT      ABORT               CLOSED         §3.10.5
            SYN_SENT      RCV_SYN             SYN_RECEIVED   Figure 5: simultaneous open, snd SYN,ACK
            SYN_SENT      RCV_SYN_ACK         ESTABLISHED    Figure 5: snd ACK
            SYN_SENT      RCV_RST             CLOSED         §3.10.7.3: connection refused
            SYN_SENT      USER_TIMEOUT        CLOSED         §3.10.8
            SYN_SENT      SOCKET_DELETED      CLOSED

            SYN_RECEIVED  SEND                SYN_RECEIVED   §3.10.2: queued
            SYN_RECEIVED  CLOSE               FIN_WAIT_1     Figure 5: snd FIN
            SYN_RECEIVED  ABORT               CLOSED         §3.10.5: snd RST
            SYN_RECEIVED  RCV_ACK_OF_SYN      ESTABLISHED    Figure 5
            SYN_RECEIVED  RCV_FIN             CLOSE_WAIT     §3.10.7.4 eighth
            SYN_RECEIVED  RCV_RST             LISTEN|CLOSED  Figure 5 note 1, §3.10.7.4
            SYN_RECEIVED  USER_TIMEOUT        CLOSED         §3.10.8
            SYN_RECEIVED  SOCKET_DELETED      CLOSED

            ESTABLISHED   SEND                ESTABLISHED    §3.10.2
            ESTABLISHED   CLOSE               FIN_WAIT_1     Figure 5: snd FIN
            ESTABLISHED   ABORT               CLOSED         §3.10.5: snd RST
            ESTABLISHED   RCV_FIN             CLOSE_WAIT     Figure 5: snd ACK
            ESTABLISHED   RCV_RST             CLOSED         §3.10.7.4
            ESTABLISHED   USER_TIMEOUT        CLOSED         §3.10.8
            ESTABLISHED   SOCKET_DELETED      CLOSED

            FIN_WAIT_1    ABORT               CLOSED         §3.10.5: snd RST
            FIN_WAIT_1    RCV_FIN             CLOSING        Figure 5: simultaneous close, snd ACK
            FIN_WAIT_1    RCV_ACK_OF_FIN      FIN_WAIT_2     Figure 5
            FIN_WAIT_1    RCV_FIN_ACK_OF_FIN  TIME_WAIT      Figure 5 note 2
            FIN_WAIT_1    RCV_RST             CLOSED         §3.10.7.4
            FIN_WAIT_1    USER_TIMEOUT        CLOSED         §3.10.8
            FIN_WAIT_1    SOCKET_DELETED      CLOSED

            FIN_WAIT_2    ABORT               CLOSED         §3.10.5: snd RST
            FIN_WAIT_2    RCV_FIN             TIME_WAIT      Figure 5: snd ACK
            FIN_WAIT_2    RCV_RST             CLOSED         §3.10.7.4
            FIN_WAIT_2    USER_TIMEOUT        CLOSED         §3.10.8
            FIN_WAIT_2    SOCKET_DELETED      CLOSED         tcp_fin_timeout of an orphan

            CLOSE_WAIT    SEND                CLOSE_WAIT     §3.10.2
            CLOSE_WAIT    CLOSE               LAST_ACK       Figure 5: snd FIN
            CLOSE_WAIT    ABORT               CLOSED         §3.10.5: snd RST
            CLOSE_WAIT    RCV_RST             CLOSED         §3.10.7.4
            CLOSE_WAIT    USER_TIMEOUT        CLOSED         §3.10.8
            CLOSE_WAIT    SOCKET_DELETED      CLOSED

            CLOSING       ABORT               CLOSED         §3.10.5
            CLOSING       RCV_ACK_OF_FIN      TIME_WAIT      Figure 5
            CLOSING       RCV_RST             CLOSED         §3.10.7.4
            CLOSING       USER_TIMEOUT        CLOSED         §3.10.8
            CLOSING       SOCKET_DELETED      CLOSED

            LAST_ACK      ABORT               CLOSED         §3.10.5
            LAST_ACK      RCV_ACK_OF_FIN      CLOSED         Figure 5
            LAST_ACK      RCV_RST             CLOSED         §3.10.7.4
            LAST_ACK      USER_TIMEOUT        CLOSED         §3.10.8
            LAST_ACK      SOCKET_DELETED      CLOSED

            TIME_WAIT     ABORT               CLOSED         §3.10.5
            TIME_WAIT     RCV_RST             CLOSED         §3.10.7.4; Linux tcp_rfc1337=0
            TIME_WAIT     TIME_WAIT_TIMEOUT   CLOSED         Figure 5: delete TCB
            TIME_WAIT     SOCKET_DELETED      CLOSED         tcp_max_tw_buckets, tcp_tw_reuse
            """;

    private record Pair(TcpState from, TcpEvent event) {}

    /** The table as (state, event) → target per machine. */
    private static Map<Pair, TcpState> allowed(TcpStateMachine machine) {
        Map<Pair, TcpState> table = new HashMap<>();
        for (String line : ALLOWED.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] cols = line.trim().split("\\s+", 4);
            String[] targets = cols[2].split("\\|");
            String target = targets.length == 1 || machine == TcpStateMachine.PASSIVE ? targets[0] : targets[1];
            Pair pair = new Pair(TcpState.valueOf(cols[0]), TcpEvent.valueOf(cols[1]));
            assertThat(table.put(pair, TcpState.valueOf(target))).as("%s listed twice", pair).isNull();
        }
        return table;
    }

    @Test
    void everyStateAndEventIsAsTheTableSays() {
        for (TcpStateMachine machine : TcpStateMachine.values()) {
            Map<Pair, TcpState> table = allowed(machine);
            List<String> wrong = new ArrayList<>();
            for (TcpState from : TcpState.values()) {
                for (TcpEvent event : TcpEvent.values()) {
                    Transition actual = machine.next(from, event);
                    TcpState expected = table.get(new Pair(from, event));
                    Transition wanted = expected == null
                            ? new Transition.Forbidden(from, event)
                            : new Transition.Allowed(from, event, expected);
                    if (!actual.equals(wanted)) {
                        wrong.add(machine + ": expected " + wanted + ", got " + actual);
                    }
                }
            }
            assertThat(wrong).as("transitions that differ from the table").isEmpty();
        }
    }

    @Test
    void theTableHasAllElevenStatesAndEveryEvent() {
        Map<Pair, TcpState> table = allowed(TcpStateMachine.ACTIVE);
        EnumSet<TcpState> states = EnumSet.noneOf(TcpState.class);
        EnumSet<TcpEvent> events = EnumSet.noneOf(TcpEvent.class);
        table.forEach((pair, to) -> {
            states.add(pair.from());
            states.add(to);
            events.add(pair.event());
        });

        assertThat(states).containsExactlyInAnyOrder(TcpState.values());
        assertThat(events).containsExactlyInAnyOrder(TcpEvent.values());
        assertThat(table).hasSize(64);
    }

    @Test
    void passiveAndActiveDifferOnlyInAnRstInSynReceived() {
        Map<Pair, TcpState> differ = new HashMap<>();
        for (TcpState from : TcpState.values()) {
            for (TcpEvent event : TcpEvent.values()) {
                Transition passive = TcpStateMachine.PASSIVE.next(from, event);
                if (!passive.equals(TcpStateMachine.ACTIVE.next(from, event))) {
                    differ.put(new Pair(from, event), passive.target().orElseThrow());
                }
            }
        }

        assertThat(differ).containsExactly(Map.entry(new Pair(TcpState.SYN_RECEIVED, TcpEvent.RCV_RST), TcpState.LISTEN));
        assertThat(TcpStateMachine.ACTIVE.next(TcpState.SYN_RECEIVED, TcpEvent.RCV_RST).target()).contains(TcpState.CLOSED);
    }

    @Test
    void aPassiveMirrorStartsInListenAnActiveOneInClosed() {
        assertThat(TcpStateMachine.PASSIVE.initialState()).isEqualTo(TcpState.LISTEN);
        assertThat(TcpStateMachine.ACTIVE.initialState()).isEqualTo(TcpState.CLOSED);
    }

    @Test
    void aForbiddenTransitionSaysWhatAndWhere() {
        Transition t = TcpStateMachine.ACTIVE.next(TcpState.TIME_WAIT, TcpEvent.RCV_FIN);

        assertThat(t.allowed()).isFalse();
        assertThat(t.target()).isEmpty();
        assertThat(t).hasToString("RCV_FIN is forbidden in TIME_WAIT");
        assertThat(TcpStateMachine.ACTIVE.next(TcpState.ESTABLISHED, TcpEvent.CLOSE))
                .hasToString("ESTABLISHED --CLOSE--> FIN_WAIT_1");
    }

    @Test
    void statesPrintAsTheRfcSpellsThem() {
        assertThat(TcpState.SYN_RECEIVED.rfcName()).isEqualTo("SYN-RECEIVED");
        assertThat(TcpState.FIN_WAIT_1.rfcName()).isEqualTo("FIN-WAIT-1");
        assertThat(TcpState.values()).extracting(Enum::name).containsExactly(
                "CLOSED", "LISTEN", "SYN_SENT", "SYN_RECEIVED", "ESTABLISHED", "FIN_WAIT_1", "FIN_WAIT_2",
                "CLOSE_WAIT", "CLOSING", "LAST_ACK", "TIME_WAIT");
    }
}
