package dev.synack.mirror;

import static dev.synack.observe.Side.DOWNSTREAM;
import static dev.synack.observe.Side.UPSTREAM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.config.HostPort;
import dev.synack.config.KeepaliveSpec;
import dev.synack.net.Transport;
import dev.synack.net.TransportChoice;
import dev.synack.testkit.Ending;
import dev.synack.testkit.Specs;
import dev.synack.testkit.TestConfigs;
import dev.synack.testkit.TestSocket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;

/**
 * The conformance scenarios that need a network of their own, run in a child JVM inside a namespace that
 * {@link NamespaceScenarios} made (the JVM reads net.ipv4.tcp_fastopen when it starts, so it must start
 * there). Prints {@code probe key=value} lines: each scenario's table row, notes, and its diagram.
 *
 * <p>Arguments: the service's namespace, the service's address ({@code ip:port}, reached over a veth pair)
 * and the service's interface there, which each keepalive run takes down.
 */
public final class NamespaceProbe {
    private NamespaceProbe() {}

    public static void main(String[] args) throws Exception {
        String serviceNs = args[0];
        HostPort service = HostPort.parse(args[1]);
        String serviceLink = args[2];
        int k = 0;
        for (Transport t : TransportChoice.available()) {
            if (!serviceNs.equals("-")) {
                run("keepalive." + t.configName(), () -> keepalive(t, service, serviceNs, serviceLink));
            }
            if (t.isNative()) {
                k++;
                String proxyIp = "127.0.0." + (10 + 2 * k);
                String serviceIp = "127.0.0." + (11 + 2 * k);
                run("tfo." + t.configName(), () -> NamespaceFastOpen.fastOpen(t, proxyIp, serviceIp));
            }
        }
        ConformanceTable.rows().forEach((label, row) -> out("row." + label, row));
        out("done", true);
        System.out.flush();
        System.exit(0);
    }

    interface Scenario {
        void run() throws Exception;
    }

    private static void run(String name, Scenario s) {
        try {
            s.run();
            out(name + ".passed", true);
        } catch (Throwable e) {
            out(name + ".passed", false);
            out(name + ".failure", String.valueOf(e).replace('\n', ' '));
            e.printStackTrace(System.out);
        }
    }

    /**
     * The service's link goes down under an established connection; synack's upstream socket has keepalive
     * idle 1 s, interval 1 s, count 2: two unanswered probes, then ETIMEDOUT, and the mirror says why.
     */
    static void keepalive(Transport t, HostPort service, String serviceNs, String serviceLink) throws Exception {
        KeepaliveSpec keepalive = new KeepaliveSpec(true, Duration.ofSeconds(1), Duration.ofSeconds(1), 2);
        awaitReachable(service);
        try (MirrorRun run = MirrorRun.start("keepalive ends a silent service", TestConfigs.proxy(t, service)
                .withUpstreamSocket(Specs.of("keepalive", keepalive)).withConnectTimeout(Duration.ofSeconds(5)))) {
            TestSocket client = run.proxy().connect();
            long id = run.onlyConnection();
            assertThat(client.roundTrip("ping")).isEqualTo("ping");
            run.checkpoint(id, "established");
            link(serviceNs, serviceLink, "down");
            try {
                assertThat(client.readToEnd().ending()).isIn(Ending.RESET, Ending.EOF);
                run.awaitClosed(id);
                ConnectionView v = run.checkpoint(id, "ended");
                assertThat(v.closeReason()).isEqualTo("error");
                assertThat(MirrorRun.steps(v, UPSTREAM)).contains("timed_out CLOSED");
                assertThat(v.upstream().note()).contains("keepalive");
                out("keepalive." + t.configName() + ".note", v.upstream().note());
                List<String> down = MirrorRun.steps(v, DOWNSTREAM);
                out("keepalive." + t.configName() + ".downstream_end", down.get(down.size() - 1));
                diagram("keepalive." + t.configName(), SequenceDiagram.render(v));
            } finally {
                link(serviceNs, serviceLink, "up");
            }
        }
    }

    /**
     * Waits (bounded) until the service echoes a byte: after the previous run's link came back up, the
     * carrier and the neighbour entry take a moment, and a SYN sent before is retransmitted only after 1 s.
     */
    static void awaitReachable(HostPort service) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(service.host(), service.port()), 1000);
                s.setSoTimeout(2000);
                s.getOutputStream().write('x');
                if (s.getInputStream().read() == 'x') {
                    return;
                }
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the service at " + service + " is not reachable: " + e);
                }
            }
        }
    }

    static void link(String ns, String dev, String state) throws Exception {
        Process p = new ProcessBuilder(List.of("ip", "-n", ns, "link", "set", dev, state)).inheritIO().start();
        assertThat(p.waitFor()).as("ip -n %s link set %s %s", ns, dev, state).isZero();
    }

    static void diagram(String name, String text) {
        for (String line : text.split("\n")) {
            System.out.println("diagram " + name + " " + line);
        }
    }

    static void out(String key, Object value) {
        System.out.println("probe " + key + "=" + value);
    }
}
