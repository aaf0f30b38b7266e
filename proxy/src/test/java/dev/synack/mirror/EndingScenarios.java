package dev.synack.mirror;

import static dev.synack.mirror.ClosingScenarios.CLOSED_FIRST;
import static dev.synack.mirror.ClosingScenarios.CLOSED_SECOND;
import static dev.synack.observe.Side.DOWNSTREAM;
import static dev.synack.observe.Side.UPSTREAM;
import static dev.synack.testkit.RecordingObserver.Kind.CONNECT_STARTED;
import static dev.synack.testkit.RecordingObserver.Kind.FIN_SENT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.config.CloseAction;
import dev.synack.net.Transport;
import dev.synack.testkit.BlackHole;
import dev.synack.testkit.Ending;
import dev.synack.testkit.RefusedPort;
import dev.synack.testkit.ScriptedUpstream;
import dev.synack.testkit.TestConfigs;
import dev.synack.testkit.TestSocket;
import java.time.Duration;
import java.util.List;

/** Conformance scenarios of connections that end otherwise: resets, failed connects, synack's own timers. */
final class EndingScenarios {
    static final List<String> RESET_READ = List.of("rst_read CLOSED", "fd_closed CLOSED");
    static final List<String> RESET_SENT = List.of("rst_sent CLOSED", "fd_closed CLOSED");

    private EndingScenarios() {}

    static void clientResets(Transport t) throws Exception {
        try (ScriptedUpstream service = ScriptedUpstream.start();
             MirrorRun run = MirrorRun.start("client RST", TestConfigs.proxy(t, service.hostPort()))) {
            TestSocket client = run.proxy().connect();
            TestSocket svc = service.nextConnection();
            long id = run.onlyConnection();
            client.write("ping");
            assertThat(svc.readText(4)).isEqualTo("ping");
            run.checkpoint(id, "established");
            client.reset();
            assertThat(svc.readToEnd().ending()).isEqualTo(Ending.RESET);
            run.awaitClosed(id);
            ClosingScenarios.assertSteps(run.checkpoint(id, "ended"), RESET_READ, RESET_SENT);
            run.awaitKernel(id, UPSTREAM, "GONE", MirrorRun.SETTLE);
        }
    }

    static void serviceResets(Transport t) throws Exception {
        try (ScriptedUpstream service = ScriptedUpstream.start();
             MirrorRun run = MirrorRun.start("service RST", TestConfigs.proxy(t, service.hostPort()))) {
            TestSocket client = run.proxy().connect();
            TestSocket svc = service.nextConnection();
            long id = run.onlyConnection();
            run.checkpoint(id, "established");
            svc.reset();
            assertThat(client.readToEnd().ending()).isEqualTo(Ending.RESET);
            run.awaitClosed(id);
            ClosingScenarios.assertSteps(run.checkpoint(id, "ended"), RESET_SENT, RESET_READ);
            run.awaitKernel(id, DOWNSTREAM, "GONE", MirrorRun.SETTLE);
        }
    }

    /**
     * The client half-closes, then resets. synack reads nothing more from that socket and has nothing to
     * write to it, so it does not notice the RST: the kernel closed the socket under its open fd. The mirror
     * sees it at once (kernel ahead) and, past the grace, reports socket_gone_early.
     */
    static void resetAfterHalfClose(Transport t) throws Exception {
        try (ScriptedUpstream service = ScriptedUpstream.start();
             MirrorRun run = MirrorRun.start("client RST after its FIN, unnoticed", TestConfigs.proxy(t, service.hostPort()))) {
            TestSocket client = run.proxy().connect();
            TestSocket svc = service.nextConnection();
            long id = run.onlyConnection();
            client.shutdownOutput();
            run.awaitEvent(FIN_SENT, id, UPSTREAM);
            run.checkpoint(id, "half-closed");
            client.reset();
            run.awaitKernel(id, DOWNSTREAM, "CLOSED", MirrorRun.SETTLE);
            Divergence d = run.awaitDivergence(id, DOWNSTREAM, DivergenceKind.SOCKET_GONE_EARLY);
            assertThat(d.explanation()).contains("synack has not noticed");
            svc.close();
            run.awaitClosed(id);
        }
    }

    static void upstreamRefused(Transport t) throws Exception {
        try (MirrorRun run = MirrorRun.start("upstream refused", TestConfigs.proxy(t, RefusedPort.find()))) {
            // synack's RST can come before connect() returns: that counts as the same ending
            TestSocket client = TestSocket.bound("127.0.0.1");
            assertThat(java.util.concurrent.CompletableFuture.supplyAsync(() -> client.connectAndReadToEnd(run.proxy().address()))
                    .get(20, java.util.concurrent.TimeUnit.SECONDS).ending()).isEqualTo(Ending.RESET);
            client.close();
            long id = run.onlyConnection();
            run.awaitClosed(id);
            ConnectionView v = run.checkpoint(id, "ended");
            assertThat(MirrorRun.steps(v, UPSTREAM)).containsExactly("connect SYN_SENT", "refused CLOSED");
            assertThat(MirrorRun.steps(v, DOWNSTREAM)).endsWith(RESET_SENT.toArray(String[]::new));
            assertThat(v.closeReason()).isEqualTo("upstream_unreachable");
        }
    }

    /** on_upstream_failure: close, and a second upstream that answers the retry: failover and a FIN to the client. */
    static void failoverThenFin(Transport t) throws Exception {
        try (ScriptedUpstream service = ScriptedUpstream.start();
             MirrorRun run = MirrorRun.start("failover to a second upstream", TestConfigs.proxy(t, RefusedPort.find(), service.hostPort())
                     .withOnUpstreamFailure(CloseAction.CLOSE))) {
            TestSocket client = run.proxy().connect();
            TestSocket svc = service.nextConnection();
            long id = run.onlyConnection();
            run.checkpoint(id, "connected to the second upstream");
            client.close();
            svc.close();
            run.awaitClosed(id);
            ConnectionView v = run.checkpoint(id, "ended");
            assertThat(MirrorRun.steps(v, UPSTREAM)).startsWith("connect SYN_SENT", "refused CLOSED", "connect SYN_SENT",
                    "connected ESTABLISHED");
        }
    }

    static void upstreamUnreachableGetsAFin(Transport t) throws Exception {
        try (MirrorRun run = MirrorRun.start("upstream refused, client gets a FIN",
                TestConfigs.proxy(t, RefusedPort.find()).withOnUpstreamFailure(CloseAction.CLOSE))) {
            TestSocket client = run.proxy().connect();
            long id = run.onlyConnection();
            assertThat(client.readToEnd().ending()).isEqualTo(Ending.EOF);
            run.awaitEvent(FIN_SENT, id, DOWNSTREAM);
            run.checkpoint(id, "FIN sent to the client");
            client.close();
            run.awaitClosed(id);
            ConnectionView v = run.checkpoint(id, "ended");
            assertThat(MirrorRun.steps(v, DOWNSTREAM)).endsWith(CLOSED_FIRST.toArray(String[]::new));
        }
    }

    static void connectTimeout(Transport t) throws Exception {
        try (BlackHole hole = BlackHole.start();
             MirrorRun run = MirrorRun.start("upstream connect timeout",
                     TestConfigs.proxy(t, hole.hostPort()).withConnectTimeout(Duration.ofMillis(400)))) {
            TestSocket client = run.proxy().connect();
            long id = run.onlyConnection();
            run.awaitEvent(CONNECT_STARTED, id, UPSTREAM);
            run.checkpoint(id, "connecting");
            assertThat(client.readToEnd().ending()).isEqualTo(Ending.RESET);
            run.awaitClosed(id);
            ConnectionView v = run.checkpoint(id, "ended");
            assertThat(MirrorRun.steps(v, UPSTREAM)).containsExactly("connect SYN_SENT", "connect_timeout CLOSED");
        }
    }

    /** idle_timeout: synack ends both directions with a FIN, then waits for both peers' FINs. */
    static void idleTimeout(Transport t) throws Exception {
        try (ScriptedUpstream service = ScriptedUpstream.start();
             MirrorRun run = MirrorRun.start("idle timeout", TestConfigs.proxy(t, service.hostPort())
                     .withIdleTimeout(Duration.ofMillis(300)))) {
            TestSocket client = run.proxy().connect();
            TestSocket svc = service.nextConnection();
            long id = run.onlyConnection();
            assertThat(client.readToEnd().ending()).isEqualTo(Ending.EOF);
            assertThat(svc.readToEnd().ending()).isEqualTo(Ending.EOF);
            run.awaitEvent(FIN_SENT, id, UPSTREAM);
            run.checkpoint(id, "synack's FINs out");
            client.close();
            svc.close();
            run.awaitClosed(id);
            ConnectionView v = run.checkpoint(id, "ended");
            assertThat(v.closeReason()).isEqualTo("idle_timeout");
            ClosingScenarios.assertSteps(v, CLOSED_FIRST, CLOSED_FIRST);
            assertThat(CLOSED_SECOND).isNotEmpty();
        }
    }
}
