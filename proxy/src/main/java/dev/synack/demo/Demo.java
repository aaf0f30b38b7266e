package dev.synack.demo;

import dev.synack.app.Synack;
import dev.synack.config.AdminSpec;
import dev.synack.config.HostPort;
import dev.synack.config.MirrorSpec;
import dev.synack.config.ProxySpec;
import dev.synack.config.SynackConfig;
import dev.synack.config.Units;
import dev.synack.mirror.MirrorEngine;
import dev.synack.net.TransportChoice;
import dev.synack.observe.ConnectionSummary;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the demo: built-in services, the proxies of the embedded config in front of them, the five
 * scripted connections with their report, and, when asked, serving on until told to stop.
 */
public final class Demo {
    private static final Map<String, String> SERVICE_NAMES = Map.of(
            DemoConfig.HTTP, "built-in HTTP/1.1 responder",
            DemoConfig.ECHO, "built-in echo service, answers after the client's FIN",
            DemoConfig.REFUSED, "nothing listens there",
            DemoConfig.FAULTY, "built-in HTTP/1.1 responder, behind a latency and a reset");

    /** The mirror with a quick kernel poll: the demo's connections last milliseconds. */
    private static final MirrorSpec MIRROR = new MirrorSpec(true, Duration.ofMillis(200), Duration.ofSeconds(30), 10_000,
            Duration.ofSeconds(5), MirrorSpec.DEFAULT.handshakeReads());

    private final PrintWriter out;

    public Demo(PrintWriter out) {
        this.out = out;
    }

    /**
     * Runs the scripted connections and returns true when every one ended as expected.
     *
     * @param ephemeral bind everything to port 0 (also chosen when a fixed port of the config is busy)
     * @param untilStopped when not null, keep serving after the report until it returns
     */
    public boolean run(boolean ephemeral, Callable<String> untilStopped) throws Exception {
        SynackConfig config = DemoConfig.embedded();
        if (!ephemeral) {
            Optional<HostPort> busy = DemoConfig.busyPort(config);
            if (busy.isPresent()) {
                out.println("note: " + busy.get() + " is in use, so the demo runs on ephemeral ports");
                ephemeral = true;
            }
        }
        try (DemoServices services = DemoServices.start(config, ephemeral)) {
            // The demo always draws each connection's life, whatever the mirror's default, and opens no admin
            // API: it must run beside a synack that holds 127.0.0.1:8474.
            SynackConfig wired = DemoConfig.rewire(config, ephemeral, services.upstreams()).withMirror(MIRROR)
                    .withAdmin(new AdminSpec(null));
            SummaryCollector summaries = new SummaryCollector();
            Synack synack = Synack.start(wired, List.of(summaries));
            try {
                header(synack, wired);
                boolean ok = scripted(synack, services, summaries);
                if (untilStopped != null) {
                    serve(synack, wired, summaries, untilStopped);
                }
                return ok;
            } finally {
                synack.shutdown(wired.shutdown().drain());
            }
        }
    }

    private void header(Synack synack, SynackConfig config) {
        TransportChoice t = synack.transport();
        out.println("synack demo: transport " + t.transport().configName() + " (" + t.reason() + ")");
        for (ProxySpec p : config.proxies()) {
            out.println(String.format("  proxy %-8s %s -> %s (%s)", p.name(), DemoReport.address(synack.address(p.name())),
                    p.upstreams().get(0), SERVICE_NAMES.getOrDefault(p.name(), "upstream")));
        }
        out.flush();
    }

    private boolean scripted(Synack synack, DemoServices services, SummaryCollector summaries) throws InterruptedException {
        DemoReport report = new DemoReport(out);
        int good = 0;
        for (Scenario s : Scenario.values()) {
            LoopbackService service = services.behind(s.proxy);
            long before = service == null ? 0 : service.received();
            ClientOutcome client = s.run(synack.address(s.proxy), services);
            ConnectionSummary summary = summaries.next(Scenario.TIMEOUT).orElse(null);
            long serviceGot = service == null ? 0 : service.received() - before;
            good += report.scripted(s, client, serviceGot, summary, summary == null ? List.of() : summaries.faults(summary.id())) ? 1 : 0;
            if (summary != null) {
                diagram(synack, summary.id());
            }
        }
        out.println();
        out.println(Scenario.values().length + " connections, " + good + " as expected");
        out.flush();
        return good == Scenario.values().length;
    }

    /**
     * The connection's life as the mirror drew it, once the kernel has been read after its end: a LAST_ACK
     * still waiting for its ACK shows as predicted, a TIME_WAIT as the kernel holds it.
     */
    private void diagram(Synack synack, long id) {
        Optional<MirrorEngine> mirror = synack.mirror();
        if (mirror.isEmpty()) {
            return;
        }
        try {
            mirror.get().sampleNow().get(5, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            out.println("    (the kernel could not be read: " + e + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        mirror.get().queries().text(id).ifPresent(text -> {
            out.println();
            text.lines().forEach(line -> out.println(line.isEmpty() ? "" : "    " + line));
        });
        out.flush();
    }

    private void serve(Synack synack, SynackConfig config, SummaryCollector summaries, Callable<String> untilStopped)
            throws Exception {
        out.println();
        out.println("serving until Ctrl-C; try:");
        out.println("  curl -v http://" + synack.address(DemoConfig.HTTP).getHostString() + ":"
                + synack.address(DemoConfig.HTTP).getPort() + "/");
        out.println("  printf 'hello\\n' | nc -N " + synack.address(DemoConfig.ECHO).getHostString() + " "
                + synack.address(DemoConfig.ECHO).getPort());
        out.flush();
        DemoReport report = new DemoReport(out);
        Thread follower = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    summaries.next(Duration.ofSeconds(1)).ifPresent(s -> report.unscripted(s, summaries.faults(s.id())));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "demo-follow");
        follower.setDaemon(true);
        follower.start();
        try {
            String why = untilStopped.call();
            Duration drain = config.shutdown().drain();
            out.println(why + ": stopping (open connections get up to "
                    + Units.formatDuration(drain) + ")");
        } finally {
            follower.interrupt();
        }
    }
}
