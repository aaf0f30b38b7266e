package dev.synack.mirror;

import static dev.synack.mirror.model.LinuxTcpState.CLOSE;
import static dev.synack.mirror.model.LinuxTcpState.CLOSE_WAIT;
import static dev.synack.mirror.model.LinuxTcpState.ESTABLISHED;
import static dev.synack.mirror.model.LinuxTcpState.FIN_WAIT1;
import static dev.synack.mirror.model.LinuxTcpState.FIN_WAIT2;
import static dev.synack.mirror.model.LinuxTcpState.LISTEN;
import static dev.synack.mirror.model.LinuxTcpState.TIME_WAIT;
import static dev.synack.observe.Side.DOWNSTREAM;
import static dev.synack.observe.Side.UPSTREAM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.observe.CloseReason;
import dev.synack.observe.Peer;
import org.junit.jupiter.api.Test;

/** Every divergence kind the comparator reports, each from the scripted kernel that shows it, counted once. */
class MirrorDivergenceTest {

    @Test
    void finNotAckedOnceFinWait1OutlastsTheGrace() {
        Script s = MirrorEngineTest.established().loop();
        s.at(10).kernel(DOWNSTREAM, FIN_WAIT1).finSent(DOWNSTREAM).loop();
        assertThat(s.socket(DOWNSTREAM).agree()).as("within the grace the ACK may still come").isTrue();
        s.at(10 + 5_001).poll();
        Divergence d = only(s);
        assertThat(d.kind()).isEqualTo(DivergenceKind.FIN_NOT_ACKED);
        assertThat(d.socket()).isEqualTo(DOWNSTREAM);
        assertThat(d.explanation()).contains("client").contains("for its ACK").contains("FIN_WAIT_1");
        assertThat(s.socket(DOWNSTREAM).agree()).isFalse();
    }

    @Test
    void finBehindUnreadDataWhenTheKernelHoldsAFinSynackHasNotRead() {
        Script s = MirrorEngineTest.established().loop();
        s.kernel(UPSTREAM, CLOSE_WAIT);
        s.kernel.rowWithUnread(s.c, UPSTREAM, CLOSE_WAIT, 65536);
        s.at(10).poll();
        assertThat(s.socket(UPSTREAM).verdict()).isEqualTo(Verdict.KERNEL_AHEAD);
        assertThat(s.socket(UPSTREAM).agree()).isTrue();
        s.at(10 + 5_001).poll();
        Divergence d = only(s);
        assertThat(d.kind()).isEqualTo(DivergenceKind.FIN_BEHIND_UNREAD_DATA);
        assertThat(d.explanation()).contains("service's FIN").contains("has not read it");
        // user space reads it at last: the mirror catches up, the divergence stays on record
        s.finRead(UPSTREAM).loop();
        assertThat(s.socket(UPSTREAM).mirrorState()).hasToString("CLOSE_WAIT");
        assertThat(s.view().divergences()).hasSize(1);
    }

    @Test
    void closeWaitHeldWhileTheFinIsNotPassedOn() {
        Script s = MirrorEngineTest.established().loop();
        s.at(10).kernel(UPSTREAM, CLOSE_WAIT).finRead(UPSTREAM).loop();
        s.at(10 + 5_001).poll();
        Divergence d = only(s);
        assertThat(d.kind()).isEqualTo(DivergenceKind.CLOSE_WAIT_HELD);
        assertThat(d.socket()).isEqualTo(UPSTREAM);
        assertThat(d.explanation()).contains("holds this socket in CLOSE_WAIT");
    }

    @Test
    void aHalfClosedConnectionWhoseFinWasPassedOnIsNoLeak() {
        Script s = MirrorEngineTest.established().loop();
        s.at(10).kernel(DOWNSTREAM, CLOSE_WAIT).finRead(DOWNSTREAM).kernel(UPSTREAM, FIN_WAIT2).finSent(UPSTREAM).loop();
        s.at(60_000).poll();
        assertThat(s.view().divergences()).isEmpty();
    }

    @Test
    void socketGoneEarlyWhenTimeWaitEndsBeforeItsTime() {
        Script s = MirrorEngineTest.closedInTimeWait();
        s.kernel.gone(s.c, UPSTREAM);
        s.at(1_500).poll();
        Divergence d = only(s);
        assertThat(d.kind()).isEqualTo(DivergenceKind.SOCKET_GONE_EARLY);
        assertThat(d.explanation()).contains("TIME_WAIT ended after").contains("tcp_tw_reuse");
        assertThat(s.steps(UPSTREAM)).last().asString().isEqualTo("socket_deleted CLOSED GONE");
    }

    /**
     * A client that reuses its port takes over synack's TIME_WAIT with a new SYN: the 4-tuple's row is then a
     * live socket with no inode yet (in the accept queue), not the closed one.
     */
    @Test
    void aNewConnectionOnTheFourTupleEndsTheTimeWaitAndIsNoForbiddenState() {
        Script s = MirrorEngineTest.closedInTimeWait();
        s.kernel.row(s.c, UPSTREAM, ESTABLISHED, 0);
        s.at(1_500).poll();
        Divergence d = only(s);
        assertThat(d.kind()).isEqualTo(DivergenceKind.SOCKET_GONE_EARLY);
        assertThat(d.explanation()).contains("taken over by a new connection");
        assertThat(s.steps(UPSTREAM)).last().asString().isEqualTo("socket_deleted CLOSED GONE");
    }

    @Test
    void socketGoneEarlyWhenAnOrphanIsDroppedWithoutTheExchange() {
        Script s = MirrorEngineTest.established().loop();
        // synack closes its fd in FIN_WAIT_1 (a FIN sent by close()); the client resets the orphan unseen
        s.at(10).finSent(DOWNSTREAM).fdClosed(DOWNSTREAM).kernel(DOWNSTREAM, FIN_WAIT1);
        s.rstSent(UPSTREAM).fdClosed(UPSTREAM).ended(CloseReason.ERROR, Peer.PROXY);
        s.kernel.gone(s.c, UPSTREAM);
        s.at(11).poll();
        assertThat(s.view().divergences()).isEmpty();
        s.kernel.gone(s.c, DOWNSTREAM);
        s.at(12).poll();
        Divergence d = only(s);
        assertThat(d.kind()).isEqualTo(DivergenceKind.SOCKET_GONE_EARLY);
        assertThat(d.explanation()).contains("RST from the client that nobody read");
    }

    @Test
    void socketGoneEarlyWhenTheKernelClosedAnOpenFdUnnoticed() {
        Script s = MirrorEngineTest.established().loop();
        s.kernel.tcpInfo(s.c, UPSTREAM, FakeKernel.tcpInfo(CLOSE.code(), 0, 0, 0));
        s.at(10).poll();
        assertThat(s.socket(UPSTREAM).agree()).isTrue();
        s.at(10 + 5_001).poll();
        assertThat(only(s).kind()).isEqualTo(DivergenceKind.SOCKET_GONE_EARLY);
    }

    @Test
    void forbiddenStateWhenNoOrderOfTheObservationsLeadsThere() {
        Script s = MirrorEngineTest.established().loop();
        s.kernel(UPSTREAM, LISTEN).at(10).poll();
        Divergence d = only(s);
        assertThat(d.kind()).isEqualTo(DivergenceKind.FORBIDDEN_STATE);
        assertThat(d.explanation()).contains("LISTEN").contains("connect, connected");
        assertThat(s.socket(UPSTREAM).verdict()).isEqualTo(Verdict.DIVERGED);
    }

    @Test
    void eachDivergenceIsCountedOncePerSocketAndKind() {
        Script s = MirrorEngineTest.established().loop();
        s.kernel(UPSTREAM, LISTEN).at(10).poll().at(11).poll().at(12).poll();
        assertThat(s.view().divergences()).hasSize(1);
        ProxyMirrorStats stats = s.engine.queries().stats().get(0);
        assertThat(stats.divergences().get(DivergenceKind.FORBIDDEN_STATE)).isEqualTo(1L);
        assertThat(stats.divergences().get(DivergenceKind.FIN_NOT_ACKED)).isZero();
    }

    @Test
    void statsCountSocketsByMirrorAndKernelState() {
        Script s = MirrorEngineTest.closedInTimeWait();
        ProxyMirrorStats stats = s.engine.queries().stats().get(0);
        assertThat(stats.proxy()).isEqualTo("web");
        assertThat(stats.timeWait()).isEqualTo(1);
        assertThat(stats.byKernelState()).containsEntry("TIME_WAIT", 1).containsEntry("GONE", 1);
        assertThat(stats.byMirrorState()).containsEntry(dev.synack.mirror.model.TcpState.TIME_WAIT, 1)
                .containsEntry(dev.synack.mirror.model.TcpState.CLOSED, 1);
        assertThat(stats.closeWait()).isZero();
        s.kernel(DOWNSTREAM, ESTABLISHED);
        assertThat(s.steps(DOWNSTREAM)).isNotEmpty();
        assertThat(TIME_WAIT.code()).isEqualTo(6);
    }

    private static Divergence only(Script s) {
        assertThat(s.view().divergences()).hasSize(1);
        return s.view().divergences().get(0);
    }
}
