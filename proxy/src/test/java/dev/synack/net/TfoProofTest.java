package dev.synack.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Proves TCP Fast Open end to end: in a fresh network namespace with net.ipv4.tcp_fastopen=3, a child
 * JVM runs {@link TfoProbe}, and the kernel's tcp_info shows data in the SYN on both proxy legs from
 * the second connection on. Needs root (network namespaces); skipped otherwise.
 */
class TfoProofTest {
    private static final int SYN_DATA = TcpInfo.OPT_SYN_DATA;
    private static final int TFO_CHILD = TcpInfo.OPT_TFO_CHILD;
    private static final Map<String, String> probe = new HashMap<>();

    @BeforeAll
    static void needsRootAndIp() throws Exception {
        Assumptions.assumeTrue(new com.sun.security.auth.module.UnixSystem().getUid() == 0,
                "TFO proof skipped: needs root to create a network namespace");
        Assumptions.assumeTrue(run(List.of("ip", "-V"), 10).exit == 0, "TFO proof skipped: no `ip` command (iproute2)");
    }

    static List<Transport> nativeTransports() {
        return TransportChoice.available().stream().filter(Transport::isNative).toList();
    }

    @ParameterizedTest
    @MethodSource("nativeTransports")
    void theFirstConnectionFetchesCookiesAndLaterOnesCarryDataInTheSyn(Transport t) throws Exception {
        // a namespace per run: the client's TFO cookie cache (tcp_metrics) is per namespace and per address
        runProbeInAFreshNamespace(t);
        String p = t.configName() + ".";
        assertThat(probe).containsEntry("sysctl.tcp_fastopen", "3").containsEntry("epoll.tfo_server_side_available", "true");
        assertThat(bits(p + "conn.1.proxy_accepted") & TFO_CHILD).as("connection 1 has no cookie yet").isZero();
        assertThat(bits(p + "conn.1.client") & SYN_DATA).isZero();
        for (int i = 2; i <= TfoProbe.CONNECTIONS; i++) {
            String c = p + "conn." + i + ".";
            assertThat(bits(c + "client") & SYN_DATA).as(c + "client SYN_DATA").isEqualTo(SYN_DATA);
            assertThat(bits(c + "proxy_accepted") & (SYN_DATA | TFO_CHILD)).as(c + "proxy_accepted SYN_DATA|TFO_CHILD")
                    .isEqualTo(SYN_DATA | TFO_CHILD);
            assertThat(probe.get(c + "proxy_accepted.reading.fast_open")).isEqualTo("true (accepted with data in the SYN)");
            assertThat(bits(c + "proxy_upstream") & SYN_DATA).as(c + "proxy_upstream SYN_DATA").isEqualTo(SYN_DATA);
            assertThat(bits(c + "service_accepted") & (SYN_DATA | TFO_CHILD)).as(c + "service_accepted SYN_DATA|TFO_CHILD")
                    .isEqualTo(SYN_DATA | TFO_CHILD);
        }
        assertThat(counterGrowth(p, "TCPFastOpenPassive")).as("passive TFO: proxy and service, connections 2+")
                .isGreaterThanOrEqualTo(2L * (TfoProbe.CONNECTIONS - 1));
        assertThat(counterGrowth(p, "TCPFastOpenActive")).as("active TFO: client and proxy upstream, connections 2+")
                .isGreaterThanOrEqualTo(2L * (TfoProbe.CONNECTIONS - 1));
    }

    private static void runProbeInAFreshNamespace(Transport t) throws Exception {
        String netns = "synack-tfo-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
        try {
            must(List.of("ip", "netns", "add", netns));
            must(List.of("ip", "-n", netns, "link", "set", "lo", "up"));
            // before the probe's JVM starts: Netty reads the server bit when its classes initialise
            must(List.of("ip", "netns", "exec", netns, "sysctl", "-w", "net.ipv4.tcp_fastopen=3"));
            Result r = run(List.of("ip", "netns", "exec", netns,
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-cp", testClassPath(),
                    TfoProbe.class.getName(), t.name()), 120);
            probe.clear();
            for (String line : r.output.split("\n")) {
                if (line.startsWith("probe ") && line.contains("=")) {
                    System.out.println(line);
                    probe.put(line.substring(6, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
                }
            }
            assertThat(probe).as("probe output (exit %d):%n%s", r.exit, r.output).containsEntry("done", "true");
        } finally {
            run(List.of("ip", "netns", "delete", netns), 30);
        }
    }

    private static int bits(String socket) {
        String v = probe.get(socket + ".options");
        assertThat(v).as("tcp_info of %s", socket).isNotNull().isNotEqualTo("none");
        return Integer.parseInt(v);
    }

    private static long counterGrowth(String prefix, String counter) {
        return Long.parseLong(probe.get(prefix + "netstat." + counter + ".after"))
                - Long.parseLong(probe.get(prefix + "netstat." + counter + ".before"));
    }

    /** Surefire hands the test JVM a manifest-only jar; the real class path is in this property. */
    private static String testClassPath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }

    private record Result(int exit, String output) {}

    private static void must(List<String> cmd) throws Exception {
        Result r = run(cmd, 30);
        assertThat(r.exit).as("%s: %s", String.join(" ", cmd), r.output).isZero();
    }

    private static Result run(List<String> cmd, int timeoutSeconds) throws IOException, InterruptedException {
        File out = Files.createTempFile("synack-tfo", ".out").toFile();
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                return new Result(-1, "timed out after " + timeoutSeconds + " s\n" + Files.readString(out.toPath(), StandardCharsets.UTF_8));
            }
            return new Result(p.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, e.toString());
        } finally {
            out.delete();
        }
    }
}
