package dev.synack.cli;

import static eu.rekawek.toxiproxy.model.ToxicDirection.DOWNSTREAM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.config.MetricsSpec;
import dev.synack.config.SynackConfig;
import dev.synack.testkit.EchoServer;
import dev.synack.testkit.TestSocket;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * synack started as {@code toxiproxy-server} is: a child process given only Toxiproxy's flags, its proxies
 * from a {@code -config} file made before the API listens, driven by Toxiproxy's Java client; and the
 * mistakes such a start can hold, each said at once with exit status 2 and nothing served.
 */
class AdminToxiproxyServerTest {
    private static final Pattern ADMIN = Pattern.compile("admin API \\(Toxiproxy-compatible\\) listening on http://127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path dir;

    @Test
    void servesLikeToxiproxyServerWithItsFlagsAndConfigFile() throws Exception {
        try (EchoServer echo = EchoServer.start()) {
            Path file = dir.resolve("toxiproxy.json");
            Files.writeString(file, "[{\"name\":\"echo\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"" + echo.hostPort() + "\"},"
                    + "{\"name\":\"off\",\"listen\":\"localhost:0\",\"upstream\":\"localhost:1\",\"enabled\":false}]");
            // As toxiproxy-server is run: no command, Go's flags (port 0 so that the test binds no fixed port).
            try (SynackProcess synack = SynackProcess.start(Map.of(), "-host=127.0.0.1", "-port=0", "-config=" + file,
                    "-seed=5", "-proxy-metrics")) {
                int port = Integer.parseInt(synack.awaitLine(ADMIN).group(1));
                ToxiproxyClient client = new ToxiproxyClient("127.0.0.1", port);
                assertThat(client.getProxies()).extracting(Proxy::getName).containsExactly("echo", "off");
                assertThat(client.getProxy("off").getListen()).as("created disabled: the text it was given").isEqualTo("localhost:0");
                Proxy p = client.getProxy("echo");
                String listen = p.getListen();
                InetSocketAddress address = new InetSocketAddress("127.0.0.1", Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1)));
                p.toxics().latency("lag", DOWNSTREAM, 300);
                try (TestSocket s = TestSocket.connect(address)) {
                    long t0 = System.nanoTime();
                    assertThat(s.roundTrip("hello")).isEqualTo("hello");
                    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isBetween(300L, 10_000L);
                }
                HttpResponse<String> metrics = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(metrics.statusCode()).isEqualTo(200);
                assertThat(metrics.body()).contains("toxiproxy_proxy_received_bytes_total{direction=\"upstream\"");
                client.reset();
                assertThat(client.getProxy("off").isEnabled()).isTrue();

                synack.kill("TERM");
                assertThat(synack.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(synack.process().exitValue()).as(synack.output()).isZero();
                assertThat(synack.output()).contains("seed 5 (from config)").doesNotContain("\tat ");
            }
        }
    }

    @Test
    void withNoFileTheFlagsAreTheWholeConfigAndMetricsOnlyWithTheirFlag() throws Exception {
        SynackConfig bare = ToxiproxyServe.config(ToxiproxyFlagParser.parse(List.of("-host=127.0.0.1", "-port=9000")), null);
        assertThat(bare.proxies()).isEmpty();
        assertThat(bare.admin().listen().toString()).isEqualTo("127.0.0.1:9000");
        assertThat(bare.metrics()).as("no /metrics, as Toxiproxy without -proxy-metrics").isEqualTo(new MetricsSpec(false, false));
        assertThat(bare.seed()).isNull();
        SynackConfig flagged = ToxiproxyServe.config(ToxiproxyFlagParser.parse(List.of("-seed=9", "-proxy-metrics")), null);
        assertThat(flagged.metrics()).isEqualTo(new MetricsSpec(true, true));
        assertThat(flagged.seed()).isEqualTo(9L);
        assertThat(ToxiproxyMode.withRun(new String[] {"-host=x", "--config", "f.json"})).as("toxiproxy-server's --config")
                .containsExactly("run", "-host=x", "-config", "f.json");
    }

    @Test
    void aBadConfigFileOrAnExposedApiStopsTheStartWithEveryProblem() throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "[{\"name\":\"a\",\"listen\":\"127.0.0.1:0\"},{\"listen\":\"nowhere\",\"upstream\":\"x:1\"}]");
        StringWriter err = new StringWriter();
        int status = Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(err, true), "-host=127.0.0.1", "-port=0",
                "-config=" + bad);
        assertThat(status).isEqualTo(Main.USAGE);
        assertThat(err.toString()).contains("[0].upstream: missing").contains("[1].name: missing").contains("[1].listen: \"nowhere\"");

        StringWriter exposed = new StringWriter();
        assertThat(Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(exposed, true), "-host=0.0.0.0", "-port=0"))
                .isEqualTo(Main.USAGE);
        assertThat(exposed.toString()).contains("admin.listen: \"0.0.0.0:0\"").contains("admin.insecure");
    }
}
