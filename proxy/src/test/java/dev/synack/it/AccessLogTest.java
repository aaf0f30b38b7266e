package dev.synack.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.synack.app.Synack;
import dev.synack.config.AccessLogSpec;
import dev.synack.config.ConfigException;
import dev.synack.config.FaultSpec;
import dev.synack.config.FaultStream;
import dev.synack.config.HostPort;
import dev.synack.config.ProxySpec;
import dev.synack.config.SynackConfig;
import dev.synack.config.TriggerSpec;
import dev.synack.net.Transport;
import dev.synack.testkit.EachTransport;
import dev.synack.testkit.EchoServer;
import dev.synack.testkit.Ending;
import dev.synack.testkit.RefusedPort;
import dev.synack.testkit.TestConfigs;
import dev.synack.testkit.TestSocket;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The access log of a scripted scenario, read back from its file field by field: a normal exchange closed
 * by the client, a client's RST, a connection over max_connections, an upstream that refuses, and a
 * connection a fault refuses at accept; a fault acting on every connection of the first proxy. Each line
 * carries exactly the fields the README's access-log table lists.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AccessLogTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @EachTransport
    void theLinesOfAScriptedScenario(Transport transport) throws Exception {
        Path file = dir.resolve("access.log");
        Instant before = Instant.now();
        try (EchoServer echo = EchoServer.start()) {
            FaultSpec lag = new FaultSpec("lag", "latency", FaultStream.DOWNSTREAM, 1.0, List.of(), TriggerSpec.NONE, Map.of("latency", 0L));
            FaultSpec no = new FaultSpec("no", "refuse", FaultStream.UPSTREAM, 1.0, List.of(), TriggerSpec.NONE, Map.of());
            TestConfigs base = TestConfigs.proxy(transport, echo.hostPort()).withMaxConnections(1).withFaults(List.of(lag));
            HostPort refused = RefusedPort.find();
            ProxySpec dead = TestConfigs.proxy(transport, refused).withAttempts(2).spec().withName("dead");
            ProxySpec closed = TestConfigs.proxy(transport, echo.hostPort()).withFaults(List.of(no)).spec().withName("closed");
            SynackConfig config = base.config().withProxies(List.of(base.spec(), dead, closed))
                    .withAccessLog(new AccessLogSpec(true, file.toString()));
            TestSocket a;
            TestSocket b;
            TestSocket over = TestSocket.bound("127.0.0.1");
            TestSocket c = TestSocket.bound("127.0.0.1");
            TestSocket d = TestSocket.bound("127.0.0.1");
            try (Synack synack = Synack.start(config, List.of())) {
                InetSocketAddress it = synack.address(TestConfigs.PROXY);
                a = TestSocket.connect(it);
                assertThat(a.roundTrip("hello")).isEqualTo("hello");
                a.shutdownOutput();
                assertThat(a.readToEnd().ending()).isEqualTo(Ending.EOF);
                a.close();
                await().atMost(Duration.ofSeconds(10)).until(() -> synack.activeSessions(TestConfigs.PROXY) == 0);

                b = TestSocket.connect(it);
                assertThat(b.roundTrip("abc")).isEqualTo("abc");
                assertThat(readToEnd(over, it)).isEqualTo(Ending.RESET);
                b.reset();
                await().atMost(Duration.ofSeconds(10)).until(() -> synack.activeSessions(TestConfigs.PROXY) == 0);

                readToEnd(c, synack.address("dead"));
                await().atMost(Duration.ofSeconds(10)).until(() -> synack.activeSessions("dead") == 0);
                assertThat(readToEnd(d, synack.address("closed"))).isEqualTo(Ending.RESET);
            }
            // Synack's shutdown flushed the log's queue: every line is in the file now.
            Map<String, JsonNode> lines = byClient(Files.readAllLines(file));
            assertThat(lines).hasSize(5);
            String echoAt = "127.0.0.1:" + echo.address().getPort();

            JsonNode la = lines.get(address(a.localAddress()));
            assertClosed(la, transport, "it", echoAt, 1, "client", "client_fin", 5, 5);
            assertThat(la.get("time").asText()).satisfies(t -> assertThat(Instant.parse(t)).isBetween(before.minusSeconds(1), Instant.now()));
            assertThat(la.get("faults").toString()).isEqualTo("[{\"name\":\"lag\",\"type\":\"latency\",\"direction\":\"service_to_client\"}]");

            JsonNode lb = lines.get(address(b.localAddress()));
            assertClosed(lb, transport, "it", echoAt, 1, "client", "client_rst", 3, 3);
            assertThat(lb.get("id").asLong()).isGreaterThan(la.get("id").asLong());
            assertThat(lb.get("faults")).isEqualTo(la.get("faults"));

            JsonNode lover = lines.get(address(over.localAddress()));
            assertRejected(lover, "it", "limit");
            assertThat(lover.get("faults").toString()).isEqualTo("[]");

            JsonNode lc = lines.get(address(c.localAddress()));
            assertClosed(lc, transport, "dead", refused.host() + ":" + refused.port(), 2, "proxy", "upstream_unreachable", 0, 0);
            assertThat(lc.get("connect_ms").isNull()).isTrue();
            assertThat(lc.get("upstream_tcp").isNull()).as("no upstream socket ever connected").isTrue();
            assertThat(lc.get("faults").toString()).isEqualTo("[]");

            JsonNode ld = lines.get(address(d.localAddress()));
            assertRejected(ld, "closed", "fault");
            assertThat(ld.get("faults").toString()).isEqualTo("[{\"name\":\"no\",\"type\":\"refuse\",\"direction\":\"client_to_service\"}]");
        }
    }

    @Test
    void aFileSynackCannotOpenIsAConfigErrorAndNothingIsBound() throws Exception {
        Path nowhere = dir.resolve("missing").resolve("access.log");
        SynackConfig config = TestConfigs.proxy(Transport.NIO, RefusedPort.find()).config()
                .withAccessLog(new AccessLogSpec(true, nowhere.toString()));
        assertThatThrownBy(() -> Synack.start(config, List.of())).isInstanceOf(ConfigException.class)
                .hasMessage("1 error in config:\n  access_log.path: \"" + nowhere + "\" (expected: a file synack can append to (no such directory))");
    }

    @Test
    void theReadmeListsEveryFieldOfBothKindsOfLine() throws Exception {
        Map<String, List<String>> table = ReadmeAccessLogTable.fields();
        assertThat(table.get("closed")).containsExactly("time", "event", "proxy", "id", "client", "upstream", "attempts",
                "connect_ms", "duration_ms", "bytes_client_to_service", "bytes_service_to_client", "discarded_client_to_service",
                "discarded_service_to_client", "closed_first", "reason", "faults", "downstream_tcp", "upstream_tcp");
        assertThat(table.get("rejected")).containsExactly("time", "event", "proxy", "client", "reason", "faults");
        assertThat(table.get("tcp")).containsExactly("rtt_us", "min_rtt_us", "total_retrans", "cwnd", "snd_mss", "options");
    }

    private static void assertClosed(JsonNode l, Transport transport, String proxy, String upstream, int attempts, String first,
                                     String reason, long toService, long toClient) {
        assertThat(names(l)).containsExactlyElementsOf(ReadmeAccessLogTable.fields().get("closed"));
        assertThat(l.get("event").asText()).isEqualTo("closed");
        assertThat(l.get("id").isIntegralNumber()).isTrue();
        assertThat(l.get("proxy").asText()).isEqualTo(proxy);
        assertThat(l.get("upstream").asText()).isEqualTo(upstream);
        assertThat(l.get("attempts").asInt()).isEqualTo(attempts);
        if (!l.get("connect_ms").isNull()) {
            assertThat(l.get("connect_ms").decimalValue()).isPositive().isLessThanOrEqualTo(l.get("duration_ms").decimalValue());
        }
        assertThat(l.get("duration_ms").decimalValue()).isPositive();
        assertThat(l.get("bytes_client_to_service").asLong()).isEqualTo(toService);
        assertThat(l.get("bytes_service_to_client").asLong()).isEqualTo(toClient);
        assertThat(l.get("discarded_client_to_service").asLong()).isZero();
        assertThat(l.get("discarded_service_to_client").asLong()).isZero();
        assertThat(l.get("closed_first").asText()).isEqualTo(first);
        assertThat(l.get("reason").asText()).isEqualTo(reason);
        List<JsonNode> sockets = new ArrayList<>(List.of(l.get("downstream_tcp")));
        if (!l.get("upstream_tcp").isNull()) {
            sockets.add(l.get("upstream_tcp"));
        }
        for (JsonNode t : sockets) {
            if (!transport.isNative()) {
                assertThat(t.isNull()).as("NIO reads no tcp_info").isTrue();
                continue;
            }
            assertThat(names(t)).containsExactlyElementsOf(ReadmeAccessLogTable.fields().get("tcp"));
            assertThat(t.get("rtt_us").asInt()).isPositive();
            assertThat(t.get("min_rtt_us").asInt()).isPositive().isLessThanOrEqualTo(t.get("rtt_us").asInt() * 8);
            assertThat(t.get("total_retrans").asInt()).as("no retransmission on loopback").isZero();
            assertThat(t.get("cwnd").asInt()).isPositive();
            assertThat(t.get("snd_mss").asInt()).isPositive();
            assertThat(t.get("options").isArray()).isTrue();
            t.get("options").forEach(o -> assertThat(o.asText()).isIn("ts", "sack", "wscale", "ecn", "ecn_seen", "syn_data", "usec_ts", "tfo_child"));
        }
    }

    private static void assertRejected(JsonNode l, String proxy, String reason) {
        assertThat(names(l)).containsExactlyElementsOf(ReadmeAccessLogTable.fields().get("rejected"));
        assertThat(l.get("event").asText()).isEqualTo("rejected");
        assertThat(l.get("proxy").asText()).isEqualTo(proxy);
        assertThat(l.get("reason").asText()).isEqualTo(reason);
    }

    private static Ending readToEnd(TestSocket s, InetSocketAddress target) throws Exception {
        return CompletableFuture.supplyAsync(() -> s.connectAndReadToEnd(target)).get(10, TimeUnit.SECONDS).ending();
    }

    /** Each line by its client address (each connection of the scenario has its own). */
    private static Map<String, JsonNode> byClient(List<String> lines) throws Exception {
        Map<String, JsonNode> by = new HashMap<>();
        for (String line : lines) {
            JsonNode l = JSON.readTree(line);
            assertThat(by.put(l.get("client").asText(), l)).as("one line per client: %s", line).isNull();
        }
        return by;
    }

    private static List<String> names(JsonNode o) {
        List<String> names = new ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String address(InetSocketAddress a) {
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }
}
