package dev.synack.mirror;

import static dev.synack.observe.Side.UPSTREAM;
import static dev.synack.testkit.RecordingObserver.Kind.FIN_SENT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.net.Transport;
import dev.synack.net.TransportChoice;
import dev.synack.testkit.ScriptedUpstream;
import dev.synack.testkit.TestConfigs;
import dev.synack.testkit.TestSocket;
import java.time.Duration;

/**
 * TIME_WAIT on the proxy socket that sent the first FIN (upstream, when the client closes first): seen in
 * /proc after its fd closed, then gone when Linux's fixed 60 s run out. No sysctl shortens TIME_WAIT, so
 * the suite starts this scenario first and checks the end last, letting the other scenarios run in the
 * minute between ({@link #begin()} before them, {@link #finish()} after). One transport is enough: the
 * timer is the kernel's.
 */
final class TimeWaitScenario implements AutoCloseable {
    private static final Duration TIME_WAIT_AND_MORE = Duration.ofSeconds(75);

    private final ScriptedUpstream service;
    private final MirrorRun run;
    private final long id;

    private TimeWaitScenario(ScriptedUpstream service, MirrorRun run, long id) {
        this.service = service;
        this.run = run;
        this.id = id;
    }

    static TimeWaitScenario begin() throws Exception {
        Transport t = TransportChoice.available().get(0);
        ScriptedUpstream service = ScriptedUpstream.start();
        MirrorRun run = MirrorRun.start("TIME_WAIT after the fd closed, then gone", TestConfigs.proxy(t, service.hostPort()));
        try {
            TestSocket client = run.proxy().connect();
            TestSocket svc = service.nextConnection();
            long id = run.onlyConnection();
            client.shutdownOutput();
            run.awaitEvent(FIN_SENT, id, UPSTREAM);
            svc.close();
            client.readToEnd();
            client.close();
            run.awaitClosed(id);
            ConnectionView v = run.awaitKernel(id, UPSTREAM, "TIME_WAIT", MirrorRun.SETTLE);
            assertThat(v.upstream().fdOpen()).isFalse();
            assertThat(v.upstream().mirrorState()).hasToString("TIME_WAIT");
            return new TimeWaitScenario(service, run, id);
        } catch (Exception | AssertionError e) {
            run.close();
            service.close();
            throw e;
        }
    }

    /** Waits (bounded) for the kernel to drop the TIME_WAIT, which the mirror must take as its 2·MSL expiry. */
    void finish() {
        ConnectionView v = run.awaitKernel(id, UPSTREAM, "GONE", TIME_WAIT_AND_MORE);
        assertThat(MirrorRun.steps(v, UPSTREAM)).endsWith("fd_closed TIME_WAIT", "time_wait_expired CLOSED");
        assertThat(v.divergences()).isEmpty();
    }

    @Override
    public void close() {
        run.close();
        service.close();
    }
}
