package dev.synack.mirror;

import static dev.synack.mirror.model.LinuxTcpState.CLOSE;
import static dev.synack.mirror.model.LinuxTcpState.CLOSE_WAIT;
import static dev.synack.mirror.model.LinuxTcpState.ESTABLISHED;
import static dev.synack.mirror.model.LinuxTcpState.FIN_WAIT1;
import static dev.synack.mirror.model.LinuxTcpState.FIN_WAIT2;
import static dev.synack.mirror.model.LinuxTcpState.LAST_ACK;
import static dev.synack.mirror.model.LinuxTcpState.SYN_SENT;
import static dev.synack.mirror.model.LinuxTcpState.TIME_WAIT;
import static dev.synack.observe.Side.DOWNSTREAM;
import static dev.synack.observe.Side.UPSTREAM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.mirror.model.TcpState;
import dev.synack.observe.CloseReason;
import dev.synack.observe.ConnectOutcome;
import dev.synack.observe.Peer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The engine on synthetic event sequences and a scripted kernel: each scenario's whole timeline, step by step. */
class MirrorEngineTest {

    /** accept, connect, the client's FIN passed on, the service's FIN passed back: the textbook close. */
    @Test
    void clientClosesFirst() {
        Script s = new Script().kernel(DOWNSTREAM, ESTABLISHED).accepted();
        assertThat(s.steps(DOWNSTREAM)).containsExactly("syn_received SYN_RECEIVED~ ?", "handshake_acked ESTABLISHED~ ?");
        s.loop(); // the tcp_info read after the accept confirms the handshake the kernel did unseen
        assertThat(s.steps(DOWNSTREAM)).containsExactly("syn_received SYN_RECEIVED ?", "handshake_acked ESTABLISHED ESTABLISHED");
        s.at(1).kernel(UPSTREAM, SYN_SENT).connect().loop().at(2).kernel(UPSTREAM, ESTABLISHED).connected().loop();
        s.at(10).kernel(DOWNSTREAM, CLOSE_WAIT).finRead(DOWNSTREAM).loop();
        // the poll reads the kernel after synack's FIN (a step after the handshake is not read by itself)
        s.at(11).kernel(UPSTREAM, FIN_WAIT1).finSent(UPSTREAM).loop().poll();
        assertThat(s.socket(UPSTREAM).mirrorState()).isEqualTo(TcpState.FIN_WAIT_2);
        assertThat(s.socket(UPSTREAM).verdict()).isEqualTo(Verdict.PENDING);
        s.at(12).kernel(UPSTREAM, FIN_WAIT2).poll();
        assertThat(s.socket(UPSTREAM).verdict()).isEqualTo(Verdict.AGREE);
        // The service's FIN: the leg whose FIN synack sent closes itself; TCP_INFO reads CLOSE on a TIME_WAIT minisocket.
        s.at(20).kernel(UPSTREAM, CLOSE).finRead(UPSTREAM).fdClosed(UPSTREAM).kernel(UPSTREAM, TIME_WAIT);
        s.finSent(DOWNSTREAM).fdClosed(DOWNSTREAM).kernel(DOWNSTREAM, LAST_ACK).ended(CloseReason.CLIENT_FIN, Peer.CLIENT).loop();
        s.at(21).poll();
        assertThat(s.steps(DOWNSTREAM)).containsExactly("syn_received SYN_RECEIVED ?", "handshake_acked ESTABLISHED ESTABLISHED",
                "fin_read CLOSE_WAIT CLOSE_WAIT", "fin_sent LAST_ACK LAST_ACK", "fin_acked CLOSED~ ?", "fd_closed CLOSED ?");
        assertThat(s.socket(DOWNSTREAM).verdict()).isEqualTo(Verdict.PENDING);
        s.kernel.gone(s.c, DOWNSTREAM);
        s.at(22).poll();
        assertThat(s.steps(DOWNSTREAM)).endsWith("fin_acked CLOSED ?", "fd_closed CLOSED GONE");
        // read after connected (the handshake's options), not after connect (the kernel can only say SYN_SENT)
        assertThat(s.steps(UPSTREAM)).containsExactly("connect SYN_SENT ?", "connected ESTABLISHED ESTABLISHED",
                "fin_sent FIN_WAIT_1 FIN_WAIT_1", "fin_acked FIN_WAIT_2 FIN_WAIT_2", "fin_read TIME_WAIT ?", "fd_closed TIME_WAIT TIME_WAIT");
        assertThat(s.view().divergences()).isEmpty();
        assertThat(s.view().downstream().agree()).isTrue();
        assertThat(s.view().upstream().agree()).isTrue();
    }

    /** TIME_WAIT seen after the fd closed, then gone at its time: the 2·MSL expiry, confirmed. */
    /**
     * Reads right after handshakes come out of a budget shared by every connection (here one a second, a
     * burst of one): past it a socket keeps its inferred handshake until the poll reads it, and with a
     * budget of none only the poll reads.
     */
    @Test
    void handshakeReadsBeyondTheBudgetWaitForThePoll() {
        Script s = new Script(1, new MirrorOptions(Duration.ofSeconds(1), Duration.ofSeconds(30), 100, Script.GRACE, 1));
        s.kernel(DOWNSTREAM, ESTABLISHED).accepted().loop();
        assertThat(s.steps(DOWNSTREAM)).containsExactly("syn_received SYN_RECEIVED ?", "handshake_acked ESTABLISHED ESTABLISHED");
        s.at(1).kernel(UPSTREAM, ESTABLISHED).connect().connected().loop();
        assertThat(s.steps(UPSTREAM)).containsExactly("connect SYN_SENT ?", "connected ESTABLISHED ?");
        assertThat(s.socket(UPSTREAM).tcpInfo()).isNull();
        s.at(2).poll();
        assertThat(s.steps(UPSTREAM)).containsExactly("connect SYN_SENT ?", "connected ESTABLISHED ESTABLISHED");
        assertThat(s.socket(UPSTREAM).tcpInfo()).isNotNull();
        assertThat(s.kernel.tcpInfoReads).isEqualTo(1 + 2); // one after the accept, then the poll's two

        Script none = new Script(2, new MirrorOptions(Duration.ofSeconds(1), Duration.ofSeconds(30), 100, Script.GRACE, 0));
        none.kernel(DOWNSTREAM, ESTABLISHED).accepted().loop().at(1).kernel(UPSTREAM, ESTABLISHED).connect().connected().loop();
        assertThat(none.kernel.tcpInfoReads).isZero();
        assertThat(none.steps(DOWNSTREAM)).containsExactly("syn_received SYN_RECEIVED~ ?", "handshake_acked ESTABLISHED~ ?");
        none.at(2).poll();
        assertThat(none.steps(DOWNSTREAM)).containsExactly("syn_received SYN_RECEIVED ?", "handshake_acked ESTABLISHED ESTABLISHED");
        assertThat(none.kernel.tcpInfoReads).isEqualTo(2);
    }

    @Test
    void readBudgetKeepsItsRate() {
        long[] now = {5_000_000_000L};
        ReadBudget budget = new ReadBudget(1_000, () -> now[0]);
        int granted = 0;
        while (budget.tryTake()) {
            granted++;
        }
        assertThat(granted).isEqualTo(101); // a tenth of a second's worth at once, and the one due now
        now[0] += 50_000_000L;
        granted = 0;
        while (budget.tryTake()) {
            granted++;
        }
        assertThat(granted).isEqualTo(50); // then the rate: 50 in 50 ms
        assertThat(new ReadBudget(0, () -> now[0]).tryTake()).isFalse();
    }

    @Test
    void timeWaitExpiresAtItsTime() {
        Script s = closedInTimeWait();
        s.kernel.gone(s.c, UPSTREAM);
        s.at(20 + 60_000).poll();
        assertThat(s.steps(UPSTREAM)).endsWith("fd_closed TIME_WAIT TIME_WAIT", "time_wait_expired CLOSED GONE");
        assertThat(s.view().divergences()).isEmpty();
    }

    /** The service's FIN arrives before synack's leaves: CLOSE_WAIT → LAST_ACK, never FIN_WAIT_1; the mirror follows. */
    @Test
    void peersFinBeforeOursRealignsTheMirror() {
        Script s = established();
        s.at(10).kernel(DOWNSTREAM, CLOSE_WAIT).finRead(DOWNSTREAM).loop();
        // synack sends its FIN upstream while the service's FIN waits unread: the kernel goes to LAST_ACK
        s.at(11).kernel(UPSTREAM, LAST_ACK).finSent(UPSTREAM).loop().poll();
        assertThat(s.socket(UPSTREAM).verdict()).isEqualTo(Verdict.REALIGNED);
        assertThat(s.steps(UPSTREAM)).containsExactly("connect SYN_SENT ?", "connected ESTABLISHED ?",
                "fin_arrived CLOSE_WAIT ?", "fin_sent LAST_ACK LAST_ACK");
        s.at(12).finRead(UPSTREAM).fdClosed(UPSTREAM);
        s.kernel.gone(s.c, UPSTREAM);
        s.finSent(DOWNSTREAM).fdClosed(DOWNSTREAM).ended(CloseReason.CLIENT_FIN, Peer.CLIENT).loop();
        s.kernel.gone(s.c, DOWNSTREAM);
        s.at(13).poll();
        assertThat(s.steps(UPSTREAM)).endsWith("fin_read LAST_ACK ?", "fd_closed LAST_ACK ?", "fin_acked CLOSED GONE");
        assertThat(s.view().divergences()).isEmpty();
    }

    @Test
    void refusedUpstream() {
        Script s = new Script().kernel(DOWNSTREAM, ESTABLISHED).accepted().loop();
        s.at(1).connect().at(2).connectFailed(ConnectOutcome.REFUSED);
        s.rstSent(DOWNSTREAM).fdClosed(DOWNSTREAM).ended(CloseReason.UPSTREAM_UNREACHABLE, Peer.PROXY);
        s.kernel.gone(s.c, DOWNSTREAM);
        s.at(3).poll();
        assertThat(s.steps(UPSTREAM)).containsExactly("connect SYN_SENT ?", "refused CLOSED ?");
        assertThat(s.steps(DOWNSTREAM)).endsWith("rst_sent CLOSED ?", "fd_closed CLOSED GONE");
        assertThat(s.view().upstream().local()).isNull();
        assertThat(s.view().divergences()).isEmpty();
    }

    @Test
    void connectTimeoutThenASecondAttempt() {
        Script s = new Script().kernel(DOWNSTREAM, ESTABLISHED).accepted().loop();
        s.at(1).connect().at(1001).connectFailed(ConnectOutcome.TIMEOUT);
        s.at(1100).kernel(UPSTREAM, ESTABLISHED).connect().connected().loop();
        assertThat(s.steps(UPSTREAM)).containsExactly("connect SYN_SENT ?", "connect_timeout CLOSED ?", "connect SYN_SENT ?",
                "connected ESTABLISHED ESTABLISHED");
    }

    @Test
    void clientResetIsPassedOn() {
        Script s = established();
        s.at(5).rstRead(DOWNSTREAM).fdClosed(DOWNSTREAM).rstSent(UPSTREAM).fdClosed(UPSTREAM)
                .ended(CloseReason.CLIENT_RST, Peer.CLIENT);
        s.kernel.gone(s.c, DOWNSTREAM);
        s.kernel.gone(s.c, UPSTREAM);
        s.at(6).poll();
        assertThat(s.steps(DOWNSTREAM)).endsWith("rst_read CLOSED ?", "fd_closed CLOSED GONE");
        assertThat(s.steps(UPSTREAM)).endsWith("rst_sent CLOSED ?", "fd_closed CLOSED GONE");
        assertThat(s.view().closeReason()).isEqualTo("client_rst");
        assertThat(s.view().divergences()).isEmpty();
    }

    /** A keepalive timeout: ETIMEDOUT, and the note says which timer ran out. */
    @Test
    void keepaliveTimeoutIsExplained() {
        Script s = established();
        s.kernel.tcpInfo(s.c, UPSTREAM, FakeKernel.tcpInfo(CLOSE.code(), 0, 0, 2));
        s.at(3000).error(UPSTREAM, "recvAddress(..) failed: Connection timed out");
        assertThat(s.steps(UPSTREAM)).last().asString().startsWith("timed_out CLOSED");
        assertThat(s.socket(UPSTREAM).note()).contains("keepalive").contains("2 sent unanswered");
        s.kernel.tcpInfo(s.c, DOWNSTREAM, FakeKernel.tcpInfo(CLOSE.code(), 0, 3, 0));
        s.error(DOWNSTREAM, "Connection timed out");
        assertThat(s.socket(DOWNSTREAM).note()).contains("retransmissions");
    }

    @Test
    void nioReadsOnlyProc() {
        Script s = new Script();
        s.kernel.nio = true;
        s.kernel(DOWNSTREAM, ESTABLISHED).accepted().loop();
        assertThat(s.socket(DOWNSTREAM).kernelState()).isNull();
        s.poll();
        assertThat(s.socket(DOWNSTREAM).kernelState()).isEqualTo("ESTABLISHED");
        assertThat(s.socket(DOWNSTREAM).verdict()).isEqualTo(Verdict.AGREE);
    }

    static Script established() {
        return new Script().kernel(DOWNSTREAM, ESTABLISHED).accepted().loop()
                .at(1).kernel(UPSTREAM, ESTABLISHED).connect().connected();
    }

    /** Client closes first; the upstream socket ends in TIME_WAIT with its fd closed, as /proc shows at 20 ms. */
    static Script closedInTimeWait() {
        Script s = established().loop();
        s.at(10).kernel(DOWNSTREAM, CLOSE_WAIT).finRead(DOWNSTREAM).at(11).kernel(UPSTREAM, FIN_WAIT2).finSent(UPSTREAM).loop();
        s.at(20).finRead(UPSTREAM).fdClosed(UPSTREAM).finSent(DOWNSTREAM).fdClosed(DOWNSTREAM)
                .ended(CloseReason.CLIENT_FIN, Peer.CLIENT);
        s.kernel.row(s.c, UPSTREAM, TIME_WAIT, 6000);
        s.kernel.gone(s.c, DOWNSTREAM);
        s.poll();
        return s;
    }
}
