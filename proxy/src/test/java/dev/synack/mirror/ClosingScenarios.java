package dev.synack.mirror;

import static dev.synack.observe.Side.DOWNSTREAM;
import static dev.synack.observe.Side.UPSTREAM;
import static dev.synack.testkit.RecordingObserver.Kind.FIN_SENT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.mirror.model.TcpState;
import dev.synack.net.Transport;
import dev.synack.testkit.Ending;
import dev.synack.testkit.ScriptedUpstream;
import dev.synack.testkit.TestConfigs;
import dev.synack.testkit.TestSocket;
import java.util.List;
import java.util.stream.Stream;

/** Conformance scenarios of connections that end with FINs: who closes first, half-closes, both at once. */
final class ClosingScenarios {
    static final List<String> ACCEPTED = List.of("syn_received SYN_RECEIVED", "handshake_acked ESTABLISHED");
    static final List<String> CONNECTED = List.of("connect SYN_SENT", "connected ESTABLISHED");
    /** A socket that receives the first FIN and sends the last one (with close()). */
    static final List<String> CLOSED_SECOND = List.of("fin_read CLOSE_WAIT", "fin_sent LAST_ACK", "fin_acked CLOSED",
            "fd_closed CLOSED");
    /** A socket that sends the first FIN, then reads the peer's and closes: TIME_WAIT. */
    static final List<String> CLOSED_FIRST = List.of("fin_sent FIN_WAIT_1", "fin_acked FIN_WAIT_2", "fin_read TIME_WAIT",
            "fd_closed TIME_WAIT");

    private ClosingScenarios() {}

    static void clientClosesFirst(Transport t) throws Exception {
        try (ScriptedUpstream service = ScriptedUpstream.start();
             MirrorRun run = MirrorRun.start("client closes first", TestConfigs.proxy(t, service.hostPort()))) {
            TestSocket client = run.proxy().connect();
            TestSocket svc = service.nextConnection();
            long id = run.onlyConnection();
            client.write("ping");
            assertThat(svc.readText(4)).isEqualTo("ping");
            run.checkpoint(id, "established");
            client.shutdownOutput();
            run.awaitEvent(FIN_SENT, id, UPSTREAM);
            run.checkpoint(id, "client's FIN passed on");
            svc.write("pong");
            svc.close();
            assertThat(client.readText(4)).isEqualTo("pong");
            run.awaitClosed(id);
            ConnectionView v = run.checkpoint(id, "ended");
            assertSteps(v, CLOSED_SECOND, CLOSED_FIRST);
            run.awaitKernel(id, DOWNSTREAM, "GONE", MirrorRun.SETTLE);
        }
    }

    static void serviceClosesFirst(Transport t) throws Exception {
        try (ScriptedUpstream service = ScriptedUpstream.start();
             MirrorRun run = MirrorRun.start("service closes first", TestConfigs.proxy(t, service.hostPort()))) {
            TestSocket client = run.proxy().connect();
            TestSocket svc = service.nextConnection();
            long id = run.onlyConnection();
            client.write("ping");
            assertThat(svc.readText(4)).isEqualTo("ping");
            svc.write("pong");
            svc.shutdownOutput();
            assertThat(client.readText(4)).isEqualTo("pong");
            assertThat(client.readToEnd().ending()).isEqualTo(Ending.EOF);
            run.awaitEvent(FIN_SENT, id, DOWNSTREAM);
            run.checkpoint(id, "service's FIN passed on");
            client.close();
            run.awaitClosed(id);
            ConnectionView v = run.checkpoint(id, "ended");
            assertSteps(v, CLOSED_FIRST, CLOSED_SECOND);
            run.awaitKernel(id, UPSTREAM, "GONE", MirrorRun.SETTLE);
        }
    }

    static void clientHalfClosesWhileServiceSends(Transport t) throws Exception {
        try (ScriptedUpstream service = ScriptedUpstream.start();
             MirrorRun run = MirrorRun.start("client half-closes, service keeps sending", TestConfigs.proxy(t, service.hostPort()))) {
            TestSocket client = run.proxy().connect();
            TestSocket svc = service.nextConnection();
            long id = run.onlyConnection();
            client.write("request");
            client.shutdownOutput();
            assertThat(svc.readText(7)).isEqualTo("request");
            run.awaitEvent(FIN_SENT, id, UPSTREAM);
            for (int i = 0; i < 3; i++) {
                svc.write("part " + i);
                assertThat(client.readText(6)).isEqualTo("part " + i);
                run.checkpoint(id, "half-closed, part " + i);
            }
            svc.close();
            assertThat(client.readToEnd().ending()).isEqualTo(Ending.EOF);
            run.awaitClosed(id);
            assertSteps(run.checkpoint(id, "ended"), CLOSED_SECOND, CLOSED_FIRST);
        }
    }

    static void serviceHalfClosesWhileClientSends(Transport t) throws Exception {
        try (ScriptedUpstream service = ScriptedUpstream.start();
             MirrorRun run = MirrorRun.start("service half-closes, client keeps sending", TestConfigs.proxy(t, service.hostPort()))) {
            TestSocket client = run.proxy().connect();
            TestSocket svc = service.nextConnection();
            long id = run.onlyConnection();
            svc.shutdownOutput();
            assertThat(client.readToEnd().ending()).isEqualTo(Ending.EOF);
            run.awaitEvent(FIN_SENT, id, DOWNSTREAM);
            for (int i = 0; i < 3; i++) {
                client.write("part " + i);
                assertThat(svc.readText(6)).isEqualTo("part " + i);
                run.checkpoint(id, "half-closed, part " + i);
            }
            client.close();
            assertThat(svc.readToEnd().ending()).isEqualTo(Ending.EOF);
            run.awaitClosed(id);
            assertSteps(run.checkpoint(id, "ended"), CLOSED_FIRST, CLOSED_SECOND);
        }
    }

    /** Both FINs at once: either may be read first, and a FIN may arrive before synack's leaves; any order the model allows agrees. */
    static void bothCloseAtOnce(Transport t) throws Exception {
        try (ScriptedUpstream service = ScriptedUpstream.start();
             MirrorRun run = MirrorRun.start("both close at once", TestConfigs.proxy(t, service.hostPort()))) {
            TestSocket client = run.proxy().connect();
            TestSocket svc = service.nextConnection();
            long id = run.onlyConnection();
            run.checkpoint(id, "established");
            client.shutdownOutput();
            svc.shutdownOutput();
            assertThat(client.readToEnd().ending()).isEqualTo(Ending.EOF);
            assertThat(svc.readToEnd().ending()).isEqualTo(Ending.EOF);
            client.close();
            svc.close();
            run.awaitClosed(id);
            ConnectionView v = run.checkpoint(id, "ended");
            for (SocketView s : List.of(v.downstream(), v.upstream())) {
                assertThat(s.mirrorState()).isIn(TcpState.TIME_WAIT, TcpState.CLOSED);
            }
        }
    }

    /** Both sockets' steps after the handshakes. */
    static void assertSteps(ConnectionView v, List<String> downstream, List<String> upstream) {
        assertThat(MirrorRun.steps(v, DOWNSTREAM)).as("downstream steps%n%s", SequenceDiagram.render(v))
                .containsExactlyElementsOf(Stream.concat(ACCEPTED.stream(), downstream.stream()).toList());
        assertThat(MirrorRun.steps(v, UPSTREAM)).as("upstream steps%n%s", SequenceDiagram.render(v))
                .containsExactlyElementsOf(Stream.concat(CONNECTED.stream(), upstream.stream()).toList());
    }
}
