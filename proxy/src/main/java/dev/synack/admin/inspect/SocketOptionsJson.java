package dev.synack.admin.inspect;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.synack.config.KeepaliveSpec;
import dev.synack.config.SocketSpec;
import dev.synack.config.Units;
import java.time.Duration;

/**
 * A {@code downstream} or {@code upstream_socket} block in config syntax: the options config sets, each
 * in the unit config reads ({@code 60s}, bytes, {@code true}); an option left at the kernel's default is
 * left out, as it was in the file. The listener-only options appear under {@code downstream} alone.
 */
final class SocketOptionsJson {
    private SocketOptionsJson() {}

    static ObjectNode of(SocketSpec s, boolean listener) {
        ObjectNode o = RegistryConnectionsJson.MAPPER.createObjectNode();
        if (s == null) {
            return o;
        }
        put(o, "nodelay", s.nodelay());
        if (s.keepalive() != null) {
            KeepaliveSpec k = s.keepalive();
            ObjectNode ka = o.putObject("keepalive").put("enabled", k.enabled());
            put(ka, "idle", k.idle());
            put(ka, "interval", k.interval());
            put(ka, "count", k.count());
        }
        put(o, "linger", s.linger());
        put(o, "rcvbuf", s.rcvbuf());
        put(o, "sndbuf", s.sndbuf());
        put(o, "window_clamp", s.windowClamp());
        put(o, "max_segment", s.maxSegment());
        put(o, "user_timeout", s.userTimeout());
        put(o, "quickack", s.quickack());
        put(o, "tos", s.tos());
        put(o, "congestion", s.congestion());
        if (s.fastOpen() != null) {
            // Upstream, fast_open is TCP_FASTOPEN_CONNECT on or off; on the listener, the queue length.
            if (listener) {
                o.put("fast_open", s.fastOpen());
            } else {
                o.put("fast_open", s.fastOpen() != 0);
            }
        }
        put(o, "notsent_lowat", s.notsentLowat());
        if (listener) {
            put(o, "backlog", s.backlog());
            put(o, "reuse_port", s.reusePort());
            put(o, "defer_accept", s.deferAccept());
        }
        return o;
    }

    private static void put(ObjectNode o, String key, Object value) {
        if (value instanceof Boolean b) {
            o.put(key, b);
        } else if (value instanceof Integer i) {
            o.put(key, i);
        } else if (value instanceof Duration d) {
            o.put(key, Units.formatDuration(d));
        } else if (value instanceof String t) {
            o.put(key, t);
        }
    }
}
