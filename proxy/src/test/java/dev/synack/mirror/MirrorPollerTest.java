package dev.synack.mirror;

import static dev.synack.mirror.model.LinuxTcpState.ESTABLISHED;
import static dev.synack.observe.Side.DOWNSTREAM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.observe.CloseReason;
import dev.synack.observe.ConnectionSummary;
import dev.synack.observe.Peer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The poller: one scan per poll for every session, ended connections tracked until the kernel forgets them, under a cap. */
class MirrorPollerTest {

    @Test
    void aPollWhereEveryOpenFdHasTcpInfoAndNoClosedSocketAwaitsTheKernelReadsNoTable() {
        FakeKernel kernel = new FakeKernel();
        MirrorEngine engine = new MirrorEngine(kernel, options(100, Duration.ofSeconds(30)), () -> 0);
        FakeConnection c = new FakeConnection(1);
        kernel.state(c, DOWNSTREAM, ESTABLISHED);
        engine.accepted(c, 0);
        c.runLoop();
        engine.sampleNow();
        c.runLoop();
        assertThat(kernel.scans).isZero();
        assertThat(engine.queries().connection(1).orElseThrow().downstream().kernelState()).isEqualTo("ESTABLISHED");
        end(engine, kernel, 2);
        engine.sampleNow();
        assertThat(kernel.scans).as("a closed socket the kernel still has").isEqualTo(1);
        engine.sampleNow();
        assertThat(kernel.scans).as("gone: nothing more to look up").isEqualTo(1);
    }

    @Test
    void onePollScansOnceForEverySession() {
        FakeKernel kernel = new FakeKernel();
        kernel.nio = true; // no tcp_info: every socket is looked up in /proc
        long[] now = {0};
        MirrorEngine engine = new MirrorEngine(kernel, options(100, Duration.ofSeconds(30)), () -> now[0]);
        List<FakeConnection> all = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            FakeConnection c = new FakeConnection(i);
            kernel.state(c, DOWNSTREAM, ESTABLISHED);
            engine.accepted(c, 0);
            all.add(c);
        }
        engine.sampleNow();
        all.forEach(FakeConnection::runLoop);
        assertThat(kernel.scans).isEqualTo(1);
        assertThat(engine.queries().connections(null, false)).hasSize(50)
                .allSatisfy(v -> assertThat(v.downstream().kernelState()).isEqualTo("ESTABLISHED"));
    }

    @Test
    void endedConnectionsAreForgottenKeepClosedAfterTheKernelForgetsThem() {
        FakeKernel kernel = new FakeKernel();
        long[] now = {0};
        MirrorEngine engine = new MirrorEngine(kernel, options(100, Duration.ofSeconds(30)), () -> now[0]);
        FakeConnection c = end(engine, kernel, 1);
        engine.sampleNow();
        assertThat(engine.queries().connections(null, false)).isEmpty();
        assertThat(engine.queries().connections(null, true)).hasSize(1);
        now[0] = Duration.ofSeconds(29).toNanos();
        engine.sampleNow();
        assertThat(engine.queries().connection(c.id())).isPresent();
        now[0] = Duration.ofSeconds(31).toNanos();
        engine.sampleNow();
        assertThat(engine.queries().connection(c.id())).isEmpty();
    }

    @Test
    void theOldestEndedConnectionsGoBeyondTheCap() {
        FakeKernel kernel = new FakeKernel();
        MirrorEngine engine = new MirrorEngine(kernel, options(3, Duration.ofHours(1)), () -> 0);
        for (int i = 1; i <= 5; i++) {
            end(engine, kernel, i);
        }
        engine.sampleNow();
        assertThat(engine.queries().connections(null, true)).extracting(ConnectionView::id).containsExactly(3L, 4L, 5L);
    }

    private static FakeConnection end(MirrorEngine engine, FakeKernel kernel, long id) {
        FakeConnection c = new FakeConnection(id);
        engine.accepted(c, 0);
        engine.resetSent(c, DOWNSTREAM, 0);
        c.closeFd(DOWNSTREAM);
        engine.socketClosed(c, DOWNSTREAM, 0);
        c.ended();
        engine.closed(new ConnectionSummary(id, "web", c.client(), null, 0, -1, 1, 0, 0, 0, 0, Peer.PROXY,
                CloseReason.SHUTDOWN, List.of(), List.of()));
        c.runLoop();
        return c;
    }

    private static MirrorOptions options(int maxTracked, Duration keep) {
        return new MirrorOptions(Duration.ofSeconds(1), keep, maxTracked, Duration.ofSeconds(5), 1_000);
    }
}
