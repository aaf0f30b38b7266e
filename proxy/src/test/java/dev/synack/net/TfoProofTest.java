package dev.synack.net;

import dev.synack.config.KernelOption;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Proves TCP Fast Open end to end. In a fresh network namespace with net.ipv4.tcp_fastopen=3 (set
 * before the JVM that uses it starts), a child JVM runs {@link TfoProbe} for every native transport,
 * once through synack and once through a plain Netty relay tuned the same way (whose sockets' raw
 * tcp_info can be read). From the second connection on, the kernel reports data in the SYN on both
 * proxy legs. Needs root (network namespaces); skipped otherwise.
 */
class TfoProofTest {
    private static final int SYN_DATA = KernelOption.TCPI_OPT_SYN_DATA;
    private static final int TFO_CHILD = KernelOption.TCPI_OPT_TFO_CHILD;
    private static final int N = TfoProbe.CONNECTIONS;
    private static final Map<String, String> probe = new HashMap<>();
    private static String netns;

    static Stream<Arguments> runs() {
        return TransportChoice.available().stream().filter(Transport::isNative)
                .flatMap(t -> Stream.of(Arguments.of(t, "synack"), Arguments.of(t, "netty")));
    }

    @BeforeAll
    static void runProbeInAFreshNamespace() throws Exception {
        Assumptions.assumeTrue(new com.sun.security.auth.module.UnixSystem().getUid() == 0,
                "TFO proof skipped: needs root to create a network namespace");
        Assumptions.assumeTrue(run(List.of("ip", "-V"), 10).exit() == 0, "TFO proof skipped: no `ip` command (iproute2)");
        netns = "synack-tfo-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
        must(List.of("ip", "netns", "add", netns));
        must(List.of("ip", "-n", netns, "link", "set", "lo", "up"));
        // before the probe's JVM starts: Netty reads the server bit when its classes initialise
        must(List.of("ip", "netns", "exec", netns, "sysctl", "-w", "net.ipv4.tcp_fastopen=3"));
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", netns,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-cp", testClassPath(),
                TfoProbe.class.getName()));
        // fresh addresses per run: TFO cookies are cached per destination address
        List<Arguments> runs = runs().toList();
        for (int k = 0; k < runs.size(); k++) {
            Object[] a = runs.get(k).get();
            cmd.add(((Transport) a[0]).name() + ":" + a[1] + ":127.0.0." + (2 * k + 1) + ":127.0.0." + (2 * k + 2));
        }
        Result r = run(cmd, 180);
        for (String line : r.output().split("\n")) {
            if (line.startsWith("probe ") && line.contains("=")) {
                System.out.println(line);
                probe.put(line.substring(6, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        assertThat(probe).as("probe output (exit %d):%n%s", r.exit(), r.output()).containsEntry("done", "true");
        assertThat(probe).containsEntry("sysctl.tcp_fastopen", "3").containsEntry("epoll.tfo_server_side_available", "true");
    }

    @AfterAll
    static void deleteNamespace() throws Exception {
        if (netns != null) {
            run(List.of("ip", "netns", "delete", netns), 30);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("runs")
    void connectionOneFetchesTheCookiesAndLaterConnectionsCarryDataInTheSynOnBothLegs(Transport t, String relay) {
        String p = t.configName() + "." + relay + ".";
        assertThat(bits(p + "conn.1.client") & SYN_DATA).as("connection 1 has no cookie yet").isZero();
        assertThat(bits(p + "conn.1.service_accepted") & TFO_CHILD).as("nor has the proxy for the service").isZero();
        for (int i = 2; i <= N; i++) {
            String c = p + "conn." + i + ".";
            assertThat(bits(c + "client") & SYN_DATA).as(c + "client SYN_DATA").isEqualTo(SYN_DATA);
            // the accepted proxy socket: tcpi_options TFO_CHILD (effective true) and SYN_DATA (the note)
            assertThat(probe.get(c + "proxy_accepted.reading.fast_open")).isEqualTo("true (accepted with data in the SYN)");
            assertThat(probe.get(c + "proxy_upstream.reading.fast_open")).isEqualTo("true");
            // the service's accepted socket is the far end of the proxy's upstream socket
            assertThat(bits(c + "service_accepted") & (SYN_DATA | TFO_CHILD)).as(c + "service_accepted SYN_DATA|TFO_CHILD")
                    .isEqualTo(SYN_DATA | TFO_CHILD);
            if (relay.equals("netty")) {
                assertThat(bits(c + "proxy_accepted") & (SYN_DATA | TFO_CHILD)).as(c + "proxy_accepted SYN_DATA|TFO_CHILD")
                        .isEqualTo(SYN_DATA | TFO_CHILD);
                assertThat(bits(c + "proxy_upstream") & SYN_DATA).as(c + "proxy_upstream SYN_DATA").isEqualTo(SYN_DATA);
            }
        }
        // both legs of connections 2+: the client and the proxy's upstream socket are active openers
        assertThat(growth(p, "TCPFastOpenActive")).isGreaterThanOrEqualTo(2L * (N - 1));
        assertThat(growth(p, "TCPFastOpenPassive")).isGreaterThanOrEqualTo(2L * (N - 1));
        assertThat(growth(p, "TCPFastOpenCookieReqd")).isGreaterThanOrEqualTo(2L);
        assertThat(growth(p, "TCPFastOpenActiveFail")).isZero();
    }

    private static int bits(String socket) {
        String v = probe.get(socket + ".options");
        assertThat(v).as("tcp_info of %s", socket).isNotNull().isNotEqualTo("none");
        return Integer.parseInt(v);
    }

    private static long growth(String prefix, String counter) {
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
        assertThat(r.exit()).as("%s: %s", String.join(" ", cmd), r.output()).isZero();
    }

    private static Result run(List<String> cmd, int timeoutSeconds) throws InterruptedException {
        File out = null;
        try {
            out = Files.createTempFile("synack-tfo", ".out").toFile();
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
