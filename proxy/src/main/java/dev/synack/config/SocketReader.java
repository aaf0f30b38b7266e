package dev.synack.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@code downstream} (listener + accepted sockets) or {@code upstream_socket} block into a
 * {@link SocketSpec}, driven by the {@link SocketKey} table. Listener-only keys in {@code upstream_socket}
 * are errors of their own kind, not unknown keys, because the fix is to move them, not to respell them.
 */
final class SocketReader {
    private static final List<String> LISTENER_ONLY_KEYS =
            Arrays.stream(SocketKey.values()).filter(k -> k.listenerOnly).map(k -> k.key).toList();

    private SocketReader() {}

    static SocketSpec read(Node block, boolean listener) {
        List<String> keys = SocketKey.keys(listener);
        if (!block.mapping(keys, listener ? List.of() : LISTENER_ONLY_KEYS, Expect.mappingOf(keys))) {
            return SocketSpec.DEFAULT;
        }
        Map<SocketKey, Object> v = new EnumMap<>(SocketKey.class);
        for (SocketKey key : SocketKey.values()) {
            if (key.listenerOnly && !listener) {
                Node misplaced = block.get(key.key);
                if (misplaced.present()) {
                    misplaced.fail(Expect.listenerOnly(key.key));
                }
            } else {
                Object value = key.read(block, listener);
                if (value != null) {
                    v.put(key, value);
                }
            }
        }
        return new SocketSpec(
                (Boolean) v.getOrDefault(SocketKey.NODELAY, SocketSpec.DEFAULT.nodelay()),
                (KeepaliveSpec) v.get(SocketKey.KEEPALIVE),
                (Duration) v.get(SocketKey.LINGER),
                (Integer) v.get(SocketKey.RCVBUF),
                (Integer) v.get(SocketKey.SNDBUF),
                (Integer) v.get(SocketKey.WINDOW_CLAMP),
                (Integer) v.get(SocketKey.MAX_SEGMENT),
                (Duration) v.get(SocketKey.USER_TIMEOUT),
                (Boolean) v.get(SocketKey.QUICKACK),
                (Integer) v.get(SocketKey.TOS),
                (String) v.get(SocketKey.CONGESTION),
                (Integer) v.get(SocketKey.FAST_OPEN),
                (Integer) v.get(SocketKey.NOTSENT_LOWAT),
                (Integer) v.get(SocketKey.BACKLOG),
                (Boolean) v.get(SocketKey.REUSE_PORT),
                (Duration) v.get(SocketKey.DEFER_ACCEPT));
    }
}
