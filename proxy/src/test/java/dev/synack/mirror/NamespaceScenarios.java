package dev.synack.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs {@link NamespaceProbe} once, in two fresh network namespaces joined by a veth pair: synack and its
 * clients in one (net.ipv4.tcp_fastopen=3, set before its JVM starts), a service that echoes once and then
 * holds its connections in the other, at 192.0.2.2 (a documentation address, inside the namespaces only).
 * Needs root, {@code ip} and python3 (the service); skipped otherwise. The namespaces go when it ends.
 */
final class NamespaceScenarios {
    private static final String SERVICE = """
            import socket
            s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind(('192.0.2.2', 9000)); s.listen(64); print('ready', flush=True)
            held = []
            while True:
                c, _ = s.accept(); held.append(c); c.sendall(c.recv(64))
            """;
    private static Map<String, String> results;
    private static final List<String> DIAGRAMS = new ArrayList<>();

    private NamespaceScenarios() {}

    /** The probe's {@code key=value} lines (run on first use), its table rows added to the suite's. */
    static synchronized Map<String, String> results() throws Exception {
        if (results == null) {
            results = run();
        }
        return results;
    }

    /** The diagram lines the probe printed for {@code name} ({@code keepalive.epoll}, {@code tfo.io_uring}). */
    static synchronized String diagram(String name) {
        StringBuilder b = new StringBuilder();
        DIAGRAMS.stream().filter(l -> l.startsWith("diagram " + name + " ")).forEach(l -> b.append(l.substring(9 + name.length())).append('\n'));
        return b.toString();
    }

    private static Map<String, String> run() throws Exception {
        Assumptions.assumeTrue(new com.sun.security.auth.module.UnixSystem().getUid() == 0, "needs root for network namespaces");
        Assumptions.assumeTrue(exec(List.of("ip", "-V"), 10).exit() == 0, "needs the ip command (iproute2)");
        Assumptions.assumeTrue(exec(List.of("python3", "-c", "pass"), 10).exit() == 0, "needs python3 for the service");
        String tag = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 20);
        String proxyNs = "synack-mp-" + tag;
        String serviceNs = "synack-ms-" + tag;
        String link = "sv" + tag.substring(0, Math.min(8, tag.length()));
        Process service = null;
        try {
            must("ip", "netns", "add", proxyNs);
            must("ip", "netns", "add", serviceNs);
            must("ip", "-n", proxyNs, "link", "set", "lo", "up");
            must("ip", "-n", serviceNs, "link", "set", "lo", "up");
            must("ip", "link", "add", "px" + tag.substring(0, Math.min(8, tag.length())), "netns", proxyNs, "type", "veth",
                    "peer", "name", link, "netns", serviceNs);
            String proxyLink = "px" + tag.substring(0, Math.min(8, tag.length()));
            must("ip", "-n", proxyNs, "addr", "add", "192.0.2.1/24", "dev", proxyLink);
            must("ip", "-n", serviceNs, "addr", "add", "192.0.2.2/24", "dev", link);
            must("ip", "-n", proxyNs, "link", "set", proxyLink, "up");
            must("ip", "-n", serviceNs, "link", "set", link, "up");
            must("ip", "netns", "exec", proxyNs, "sysctl", "-q", "-w", "net.ipv4.tcp_fastopen=3");
            service = new ProcessBuilder("ip", "netns", "exec", serviceNs, "python3", "-u", "-c", SERVICE).redirectErrorStream(true).start();
            String ready = new String(service.getInputStream().readNBytes(6), StandardCharsets.US_ASCII);
            assertThat(ready).as("the service in %s", serviceNs).isEqualTo("ready\n");
            Result r = exec(List.of("ip", "netns", "exec", proxyNs, Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-cp", testClassPath(), NamespaceProbe.class.getName(), serviceNs, "192.0.2.2:9000", link), 240);
            Map<String, String> probe = new LinkedHashMap<>();
            for (String line : r.output().split("\n")) {
                if (line.startsWith("probe ") && line.contains("=")) {
                    probe.put(line.substring(6, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
                } else if (line.startsWith("diagram ")) {
                    DIAGRAMS.add(line);
                }
            }
            assertThat(probe).as("probe output (exit %d):%n%s", r.exit(), r.output()).containsEntry("done", "true");
            probe.forEach((k, v) -> {
                if (k.startsWith("row.")) {
                    String[] n = v.split(",");
                    ConformanceTable.add(k.substring(4), Integer.parseInt(n[0]), Integer.parseInt(n[1]), Integer.parseInt(n[2]));
                }
            });
            return probe;
        } finally {
            if (service != null) {
                service.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            exec(List.of("ip", "netns", "delete", proxyNs), 30);
            exec(List.of("ip", "netns", "delete", serviceNs), 30);
        }
    }

    /** Surefire hands the test JVM a manifest-only jar; the real class path is in this property. */
    private static String testClassPath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }

    private record Result(int exit, String output) {}

    private static void must(String... cmd) throws Exception {
        Result r = exec(List.of(cmd), 30);
        assertThat(r.exit()).as("%s: %s", String.join(" ", cmd), r.output()).isZero();
    }

    private static Result exec(List<String> cmd, int timeoutSeconds) throws InterruptedException {
        File out = null;
        try {
            out = Files.createTempFile("synack-ns", ".out").toFile();
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                return new Result(-1, "timed out after " + timeoutSeconds + " s\n" + Files.readString(out.toPath(), StandardCharsets.UTF_8));
            }
            return new Result(p.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, e.toString());
        } finally {
            if (out != null) {
                out.delete();
            }
        }
    }
}
