package dev.synack.admin.inspect;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.synack.net.SocketAddressText;
import dev.synack.observe.ConnectionInfo;
import dev.synack.observe.Direction;
import dev.synack.observe.Side;
import java.util.Comparator;
import java.util.List;

/**
 * The open connections as the proxy registry knows them, in the mirror's CONN shape, for when the mirror
 * engine is off: every key is there, and what only the mirror knows is {@code null} ({@code close_reason},
 * each socket's {@code mirror_state}, {@code kernel_state}, {@code agree} and {@code tcp_info}); there are
 * no divergences and no timeline. Values are read without stopping the connections' loops: a snapshot that
 * may be a few bytes behind.
 */
public final class RegistryConnectionsJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private RegistryConnectionsJson() {}

    /** {@code {"connections": [CONN, ...]}}, by id. */
    public static ObjectNode connections(List<ConnectionInfo> open, long nowNanos) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode list = root.putArray("connections");
        open.stream().sorted(Comparator.comparingLong(ConnectionInfo::id)).forEach(c -> list.add(connection(c, nowNanos)));
        return root;
    }

    public static ObjectNode connection(ConnectionInfo c, long nowNanos) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("id", c.id());
        o.put("proxy", c.proxy());
        o.put("open", c.isOpen());
        o.putNull("close_reason");
        o.put("client", SocketAddressText.of(c.client()));
        o.put("upstream", SocketAddressText.of(c.upstream()));
        o.put("age_ms", Math.max(0, (nowNanos - c.startNanos()) / 1_000_000));
        ObjectNode bytes = o.putObject("bytes");
        bytes.put("client_to_service", c.bytes(Direction.CLIENT_TO_SERVICE));
        bytes.put("service_to_client", c.bytes(Direction.SERVICE_TO_CLIENT));
        ObjectNode sockets = o.putObject("sockets");
        sockets.set("downstream", socket(c, Side.DOWNSTREAM));
        sockets.set("upstream", c.localAddress(Side.UPSTREAM) == null ? null : socket(c, Side.UPSTREAM));
        o.putArray("divergences");
        return o;
    }

    private static ObjectNode socket(ConnectionInfo c, Side side) {
        ObjectNode s = MAPPER.createObjectNode();
        s.put("local", SocketAddressText.of(c.localAddress(side)));
        s.put("remote", SocketAddressText.of(c.remoteAddress(side)));
        s.put("fd_open", c.isOpen());
        s.putNull("mirror_state");
        s.putNull("kernel_state");
        s.putNull("agree");
        s.putNull("tcp_info");
        return s;
    }
}
