package dev.synack.mirror;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.synack.observe.Side;
import java.util.List;
import java.util.Locale;

/**
 * The JSON of the mirror's admin routes, built from views. The shapes are a contract with the admin API
 * and its clients; tests pin every key.
 * <pre>
 * CONN = {"id", "proxy", "open", "close_reason", "client", "upstream", "age_ms",
 *         "bytes": {"client_to_service", "service_to_client"},
 *         "sockets": {"downstream": SOCK, "upstream": SOCK|null}, "divergences": [...] [, "timeline": [...]]}
 * SOCK = {"local", "remote", "fd_open", "mirror_state", "kernel_state", "agree", "tcp_info": {...}|null}
 * timeline entry = {"t_ms", "socket", "event", "mirror_state", "kernel_state", "inferred"}
 * divergence = {"connection", "socket", "kind", "since_ms", "explanation"}
 * </pre>
 */
public final class MirrorJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private MirrorJson() {}

    public static ObjectNode connections(List<ConnectionView> views) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode list = root.putArray("connections");
        views.forEach(v -> list.add(connection(v, false)));
        return root;
    }

    public static ObjectNode connection(ConnectionView v, boolean withTimeline) {
        ObjectNode c = MAPPER.createObjectNode();
        c.put("id", v.id());
        c.put("proxy", v.proxy());
        c.put("open", v.open());
        c.put("close_reason", v.closeReason());
        c.put("client", v.client());
        c.put("upstream", v.upstreamAddress());
        c.put("age_ms", v.ageNanos() / 1_000_000);
        ObjectNode bytes = c.putObject("bytes");
        bytes.put("client_to_service", v.bytesClientToService());
        bytes.put("service_to_client", v.bytesServiceToClient());
        ObjectNode sockets = c.putObject("sockets");
        sockets.set("downstream", socket(v.downstream(), v));
        sockets.set("upstream", v.upstream() == null ? null : socket(v.upstream(), v));
        ArrayNode divergences = c.putArray("divergences");
        v.divergences().forEach(d -> divergences.add(divergence(d, v.nowNanos())));
        if (withTimeline) {
            ArrayNode timeline = c.putArray("timeline");
            for (TimelineEntry e : v.timeline()) {
                ObjectNode t = timeline.addObject();
                t.put("t_ms", Durations.millis(e.nanos() - v.startNanos()));
                t.put("socket", side(e.socket()));
                t.put("event", e.event().key());
                t.put("mirror_state", e.mirrorState().name());
                t.put("kernel_state", e.kernelState());
                t.put("inferred", e.inferred());
            }
        }
        return c;
    }

    static ObjectNode socket(SocketView s, ConnectionView v) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("local", s.local());
        o.put("remote", s.remote());
        o.put("fd_open", s.fdOpen());
        o.put("mirror_state", s.mirrorState().name());
        o.put("kernel_state", s.kernelState());
        o.put("agree", s.agree());
        o.set("tcp_info", TcpInfoJson.of(s));
        return o;
    }

    public static ObjectNode divergences(List<Divergence> all, long nowNanos) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode list = root.putArray("divergences");
        all.forEach(d -> list.add(divergence(d, nowNanos)));
        return root;
    }

    static ObjectNode divergence(Divergence d, long nowNanos) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("connection", d.connection());
        o.put("socket", side(d.socket()));
        o.put("kind", d.kind().key());
        o.put("since_ms", Math.max(0, (nowNanos - d.sinceNanos()) / 1_000_000));
        o.put("explanation", d.explanation());
        return o;
    }

    static String side(Side s) {
        return s.name().toLowerCase(Locale.ROOT);
    }
}
