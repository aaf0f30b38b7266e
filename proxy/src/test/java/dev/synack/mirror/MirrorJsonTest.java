package dev.synack.mirror;

import static dev.synack.mirror.model.LinuxTcpState.FIN_WAIT1;
import static dev.synack.mirror.model.LinuxTcpState.LISTEN;
import static dev.synack.observe.Side.DOWNSTREAM;
import static dev.synack.observe.Side.UPSTREAM;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The JSON shapes of the mirror's admin routes, key by key: a contract with the admin API and its clients. */
class MirrorJsonTest {
    private static final List<String> CONN = List.of("id", "proxy", "open", "close_reason", "client", "upstream", "age_ms",
            "bytes", "sockets", "divergences");
    private static final List<String> SOCK = List.of("local", "remote", "fd_open", "mirror_state", "kernel_state", "agree",
            "tcp_info");
    private static final List<String> ENTRY = List.of("t_ms", "socket", "event", "mirror_state", "kernel_state", "inferred");
    private static final List<String> DIVERGENCE = List.of("connection", "socket", "kind", "since_ms", "explanation");
    private static final Set<String> STATES = Set.of("CLOSED", "LISTEN", "SYN_SENT", "SYN_RECEIVED", "ESTABLISHED",
            "FIN_WAIT_1", "FIN_WAIT_2", "CLOSE_WAIT", "CLOSING", "LAST_ACK", "TIME_WAIT");

    @Test
    void connectionsListsOpenConnectionsWithoutTimelines() {
        Script s = MirrorEngineTest.established().loop();
        ObjectNode root = s.engine.queries().connectionsJson(null, false);
        assertThat(keys(root)).containsExactly("connections");
        JsonNode conn = root.get("connections").get(0);
        assertThat(keys(conn)).containsExactlyElementsOf(CONN);
        assertThat(conn.get("id").asLong()).isEqualTo(1);
        assertThat(conn.get("proxy").asText()).isEqualTo("web");
        assertThat(conn.get("open").asBoolean()).isTrue();
        assertThat(conn.get("close_reason").isNull()).isTrue();
        assertThat(conn.get("client").asText()).isEqualTo("127.0.0.1:40001");
        assertThat(conn.get("upstream").asText()).isEqualTo("127.0.0.1:8080");
        assertThat(conn.get("age_ms").isIntegralNumber()).isTrue();
        assertThat(keys(conn.get("bytes"))).containsExactly("client_to_service", "service_to_client");
        assertThat(conn.get("bytes").get("client_to_service").asLong()).isEqualTo(68);
        assertThat(keys(conn.get("sockets"))).containsExactly("downstream", "upstream");
        for (String side : List.of("downstream", "upstream")) {
            JsonNode sock = conn.get("sockets").get(side);
            assertThat(keys(sock)).containsExactlyElementsOf(SOCK);
            assertThat(STATES).contains(sock.get("mirror_state").asText());
            assertThat(sock.get("agree").isBoolean()).isTrue();
            assertThat(sock.get("fd_open").asBoolean()).isTrue();
        }
        assertThat(conn.get("sockets").get("downstream").get("local").asText()).isEqualTo("127.0.0.1:18080");
        assertThat(conn.get("sockets").get("downstream").get("kernel_state").asText()).isEqualTo("ESTABLISHED");
        assertThat(conn.get("sockets").get("downstream").get("tcp_info").get("options").has("sack")).isTrue();
        assertThat(conn.get("divergences").isArray()).isTrue();
    }

    @Test
    void oneConnectionCarriesItsTimeline() {
        Script s = MirrorEngineTest.established().loop();
        JsonNode conn = s.engine.queries().connectionJson(1).orElseThrow();
        assertThat(keys(conn)).containsExactlyElementsOf(concat(CONN, "timeline"));
        JsonNode first = conn.get("timeline").get(0);
        assertThat(keys(first)).containsExactlyElementsOf(ENTRY);
        assertThat(first.get("t_ms").isNumber()).isTrue();
        assertThat(first.get("socket").asText()).isEqualTo("downstream");
        assertThat(first.get("event").asText()).isEqualTo("syn_received");
        assertThat(first.get("mirror_state").asText()).isEqualTo("SYN_RECEIVED");
        assertThat(first.get("inferred").isBoolean()).isTrue();
        assertThat(s.engine.queries().connectionJson(99)).as("unknown id: the route answers 404").isEmpty();
        assertThat(s.engine.queries().text(99)).isEmpty();
    }

    @Test
    void anUpstreamNeverTriedIsNull() {
        Script s = new Script().accepted();
        JsonNode conn = s.engine.queries().connectionJson(1).orElseThrow();
        assertThat(conn.get("sockets").get("upstream").isNull()).isTrue();
        assertThat(conn.get("sockets").get("downstream").get("kernel_state").isNull()).isTrue();
        assertThat(conn.get("sockets").get("downstream").get("tcp_info").isNull()).isTrue();
    }

    @Test
    void closedConnectionsOnlyWhenAskedAndGoneIsAKernelState() {
        Script s = MirrorEngineTest.closedInTimeWait();
        assertThat(s.engine.queries().connectionsJson(null, false).get("connections")).isEmpty();
        JsonNode conn = s.engine.queries().connectionsJson("web", true).get("connections").get(0);
        assertThat(conn.get("open").asBoolean()).isFalse();
        assertThat(conn.get("close_reason").asText()).isEqualTo("client_fin");
        assertThat(conn.get("sockets").get("downstream").get("kernel_state").asText()).isEqualTo("GONE");
        assertThat(conn.get("sockets").get("upstream").get("kernel_state").asText()).isEqualTo("TIME_WAIT");
        assertThat(s.engine.queries().connectionsJson("other", true).get("connections")).isEmpty();
    }

    @Test
    void divergencesList() {
        Script s = MirrorEngineTest.established().loop();
        s.kernel(UPSTREAM, LISTEN).at(10).poll();
        s.at(10).kernel(DOWNSTREAM, FIN_WAIT1).finSent(DOWNSTREAM).loop().at(6_000).poll();
        ObjectNode root = s.engine.queries().divergencesJson();
        assertThat(keys(root)).containsExactly("divergences");
        assertThat(root.get("divergences")).hasSize(2);
        for (JsonNode d : root.get("divergences")) {
            assertThat(keys(d)).containsExactlyElementsOf(DIVERGENCE);
            assertThat(d.get("connection").asLong()).isEqualTo(1);
        }
        JsonNode finNotAcked = root.get("divergences").get(0);
        assertThat(finNotAcked.get("socket").asText()).isEqualTo("downstream");
        assertThat(finNotAcked.get("kind").asText()).isEqualTo("fin_not_acked");
        assertThat(finNotAcked.get("since_ms").asLong()).isEqualTo(5990);
        assertThat(root.get("divergences").get(1).get("kind").asText()).isEqualTo("forbidden_state");
    }

    @Test
    void theTextIsASequenceDiagram() {
        Script s = MirrorEngineTest.closedInTimeWait();
        String text = s.engine.queries().text(1).orElseThrow();
        assertThat(text).contains("connection #1 on proxy web: ended (client_fin, client closed first)")
                .contains("|------- SYN ------>|").contains("|<---- SYN+ACK -----|").contains("------- FIN ------>|")
                .contains("fd closed").contains("data: 68 B client->service, 107 B service->client")
                .contains("TIME_WAIT / TIME_WAIT");
    }

    private static List<String> keys(JsonNode n) {
        List<String> keys = new ArrayList<>();
        n.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static List<String> concat(List<String> a, String b) {
        return java.util.stream.Stream.concat(a.stream(), java.util.stream.Stream.of(b)).collect(Collectors.toList());
    }
}
