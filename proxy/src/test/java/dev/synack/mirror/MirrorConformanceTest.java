package dev.synack.mirror;

import static dev.synack.testkit.RecordingObserver.Kind.FIN_SENT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.net.Transport;
import dev.synack.observe.Side;
import dev.synack.testkit.EachTransport;
import dev.synack.testkit.ScriptedUpstream;
import dev.synack.testkit.TestConfigs;
import dev.synack.testkit.TestSocket;
import org.junit.jupiter.api.AfterAll;

/**
 * The mirror against the kernel over real sockets through synack, on every transport: at each checkpoint
 * both proxy sockets' mirrors must agree with what the kernel reports, and each socket's timeline must be
 * the one the scenario implies. Prints a table of scenarios, checkpoints and agreements at the end.
 */
class MirrorConformanceTest {
    @AfterAll
    static void printTable() {
        ConformanceTable.print(System.out);
    }

    @EachTransport
    void clientClosesFirst(Transport t) throws Exception {
        try (ScriptedUpstream service = ScriptedUpstream.start();
             MirrorRun run = MirrorRun.start("client closes first", TestConfigs.proxy(t, service.hostPort()))) {
            TestSocket client = run.proxy().connect();
            TestSocket svc = service.nextConnection();
            long id = run.onlyConnection();
            assertThat(client.roundTrip("")).isEmpty();
            client.write("ping");
            assertThat(svc.readText(4)).isEqualTo("ping");
            run.checkpoint(id, "established");
            client.shutdownOutput();
            run.awaitEvent(FIN_SENT, id, Side.UPSTREAM);
            run.checkpoint(id, "client half-closed");
            svc.write("pong");
            svc.close();
            assertThat(client.readText(4)).isEqualTo("pong");
            run.awaitClosed(id);
            ConnectionView v = run.checkpoint(id, "ended");
            System.out.println(SequenceDiagram.render(v));
            System.out.println(MirrorJson.connection(v, true).toPrettyString());
        }
    }
}
