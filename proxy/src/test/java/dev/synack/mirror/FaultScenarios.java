package dev.synack.mirror;

import static dev.synack.observe.Side.DOWNSTREAM;
import static dev.synack.observe.Side.UPSTREAM;
import static dev.synack.testkit.RecordingObserver.Kind.FIN_READ;
import static dev.synack.testkit.RecordingObserver.Kind.FIN_SENT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.config.FaultSpec;
import dev.synack.config.FaultStream;
import dev.synack.config.TriggerSpec;
import dev.synack.mirror.model.LinuxTcpState;
import dev.synack.mirror.model.TcpState;
import dev.synack.net.ProcNetTcp;
import dev.synack.net.Transport;
import dev.synack.testkit.Ending;
import dev.synack.testkit.ScriptedUpstream;
import dev.synack.testkit.TestConfigs;
import dev.synack.testkit.TestSocket;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/** Conformance under a fault: what the mirror sees when a fault does to TCP what it was asked to. */
final class FaultScenarios {
    /** Longer than the suite's grace, so the held CLOSE_WAIT outlasts it. */
    private static final long HOLD_MILLIS = 3 * MirrorRun.GRACE.toMillis();

    private FaultScenarios() {}

    /**
     * hold_fin on the client's direction: the client's FIN is read (synack's downstream in CLOSE_WAIT, the
     * client in FIN_WAIT_2) and held before the service hears of it. Past the grace this is no
     * close_wait_held: the mirror agrees and its note names the fault. Then the FIN leaves, and the
     * connection closes as a client-first one.
     */
    static void holdFin(Transport t) throws Exception {
        FaultSpec hold = new FaultSpec("held", "hold_fin", FaultStream.UPSTREAM, 1.0, List.of(), TriggerSpec.NONE,
                Map.of("delay", HOLD_MILLIS));
        try (ScriptedUpstream service = ScriptedUpstream.start();
             MirrorRun run = MirrorRun.start("hold_fin: client FIN held", TestConfigs.proxy(t, service.hostPort())
                     .withFaults(List.of(hold)))) {
            TestSocket client = run.proxy().connect();
            TestSocket svc = service.nextConnection();
            long id = run.onlyConnection();
            client.write("ping");
            assertThat(svc.readText(4)).isEqualTo("ping");
            client.shutdownOutput();
            run.awaitEvent(FIN_READ, id, DOWNSTREAM);
            long finRead = System.nanoTime();
            ConnectionView v = run.awaitKernel(id, DOWNSTREAM, "CLOSE_WAIT", MirrorRun.SETTLE);
            assertThat(v.downstream().mirrorState()).isEqualTo(TcpState.CLOSE_WAIT);
            assertThat(v.upstream().mirrorState()).isEqualTo(TcpState.ESTABLISHED);
            awaitClientState(client, run.proxy().address(), LinuxTcpState.FIN_WAIT2);
            // the fault's purpose is time: past the grace, the held CLOSE_WAIT is still no divergence
            while (System.nanoTime() - finRead < MirrorRun.GRACE.toNanos() * 3 / 2) {
                run.sample(id);
            }
            v = run.checkpoint(id, "FIN held past the grace");
            assertThat(v.downstream().kernelState()).isEqualTo("CLOSE_WAIT");
            assertThat(v.upstream().kernelState()).isEqualTo("ESTABLISHED");
            assertThat(v.downstream().note()).contains("fault held (hold_fin)");
            assertThat(clientState(client, run.proxy().address())).as("the client").isEqualTo(LinuxTcpState.FIN_WAIT2.code());
            run.awaitEvent(FIN_SENT, id, UPSTREAM);
            assertThat(svc.readToEnd().ending()).isEqualTo(Ending.EOF);
            svc.close();
            assertThat(client.readToEnd().ending()).isEqualTo(Ending.EOF);
            client.close();
            run.awaitClosed(id);
            ClosingScenarios.assertSteps(run.checkpoint(id, "ended"), ClosingScenarios.CLOSED_SECOND, ClosingScenarios.CLOSED_FIRST);
        }
    }

    /** Waits (bounded) for the client's socket to reach {@code state}: the ACK of its FIN may be delayed a little. */
    private static void awaitClientState(TestSocket client, InetSocketAddress proxy, LinuxTcpState state) throws Exception {
        long deadline = System.nanoTime() + MirrorRun.SETTLE.toNanos();
        while (clientState(client, proxy) != state.code()) {
            if (System.nanoTime() > deadline) {
                assertThat(clientState(client, proxy)).as("the client's state").isEqualTo(state.code());
            }
            Thread.sleep(10); // a condition polled, bounded by the deadline above
        }
    }

    /** The client socket's state code in /proc (it is the far end of synack's downstream socket). */
    private static int clientState(TestSocket client, InetSocketAddress proxy) throws Exception {
        InetSocketAddress local = (InetSocketAddress) client.channel().getLocalAddress();
        return ProcNetTcp.scan().find(local, proxy).orElseThrow(() -> new AssertionError("no /proc row for the client")).state();
    }
}
