package dev.synack.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The grammar of a {@code downstream} or {@code upstream_socket} block: its keys in {@link SocketSpec}
 * order and how each one's value is read. The spelling of a key and whether it applies only to the
 * listener come from its entry of the {@link SocketOption} table (for {@code keepalive}, the entry of
 * {@code keepalive.enabled}); the table's other entries under a key share its spelling.
 */
enum SocketKey {
    NODELAY(SocketOption.NODELAY, (n, l) -> n.bool()),
    KEEPALIVE(SocketOption.KEEPALIVE, (n, l) -> KeepaliveReader.read(n)),
    LINGER(SocketOption.LINGER, (n, l) -> Values.seconds(n, 0, 65535)),
    RCVBUF(SocketOption.RCVBUF, (n, l) -> Values.size(n, 1 << 10, 1 << 30)),
    SNDBUF(SocketOption.SNDBUF, (n, l) -> Values.size(n, 1 << 10, 1 << 30)),
    WINDOW_CLAMP(SocketOption.WINDOW_CLAMP, (n, l) -> Values.size(n, 0, 1 << 30)),
    MAX_SEGMENT(SocketOption.MAX_SEGMENT, (n, l) -> Values.integer(n, 88, 65535)),
    USER_TIMEOUT(SocketOption.USER_TIMEOUT,
            (n, l) -> Values.duration(n, Duration.ZERO, Duration.ofMillis(Integer.MAX_VALUE), false, Expect.USER_TIMEOUT)),
    QUICKACK(SocketOption.QUICKACK, (n, l) -> n.bool()),
    TOS(SocketOption.TOS, (n, l) -> tos(n)),
    CONGESTION(SocketOption.CONGESTION, (n, l) -> congestion(n)),
    FAST_OPEN(SocketOption.FAST_OPEN, (n, listener) -> listener ? fastOpenQueue(n) : fastOpenConnect(n)),
    NOTSENT_LOWAT(SocketOption.NOTSENT_LOWAT, (n, l) -> Values.size(n, 0, 1 << 30)),
    BACKLOG(SocketOption.BACKLOG, (n, l) -> Values.integer(n, 1, 65535)),
    REUSE_PORT(SocketOption.REUSE_PORT, (n, l) -> n.bool()),
    DEFER_ACCEPT(SocketOption.DEFER_ACCEPT, (n, l) -> Values.seconds(n, 0, Integer.MAX_VALUE));

    private static final Pattern CONGESTION_NAME = Pattern.compile("[a-z0-9_]{1,15}");
    private static final Pattern HEX = Pattern.compile("0[xX][0-9A-Fa-f]{1,2}");

    final String key;
    final boolean listenerOnly;
    private final Reader reader;

    SocketKey(SocketOption entry, Reader reader) {
        this.key = entry.key();
        this.listenerOnly = SocketOption.listenerOnly(key);
        this.reader = reader;
    }

    /** Reads this option's value, or null if absent or wrong; {@code listener} is true for {@code downstream}. */
    Object read(Node block, boolean listener) {
        return reader.read(block.get(key), listener);
    }

    static List<String> keys(boolean listener) {
        return Arrays.stream(values()).filter(k -> listener || !k.listenerOnly).map(k -> k.key).toList();
    }

    private static Integer tos(Node n) {
        if (!n.present()) {
            return null;
        }
        JsonNode v = n.value();
        long tos = v.isTextual() && HEX.matcher(v.textValue()).matches() ? Long.parseLong(v.textValue().substring(2), 16)
                : v.isIntegralNumber() && v.canConvertToLong() ? v.longValue() : -1;
        return tos >= 0 && tos <= 255 ? Integer.valueOf((int) tos) : n.fail(Expect.TOS);
    }

    private static String congestion(Node n) {
        String name = n.text(Expect.CONGESTION);
        return name == null || CONGESTION_NAME.matcher(name).matches() ? name : n.fail(Expect.CONGESTION);
    }

    private static Integer fastOpenQueue(Node n) {
        if (!n.present()) {
            return null;
        }
        JsonNode v = n.value();
        if (v.isBoolean()) {
            return v.booleanValue() ? Defaults.FAST_OPEN_QUEUE : 0;
        }
        long qlen = v.isIntegralNumber() && v.canConvertToLong() ? v.longValue() : -1;
        return qlen >= 0 && qlen <= 65535 ? Integer.valueOf((int) qlen) : n.fail(Expect.FAST_OPEN_LISTENER);
    }

    private static Integer fastOpenConnect(Node n) {
        Boolean on = n.bool();
        return on == null ? null : on ? 1 : 0;
    }

    /** How one option's value is read from its node. */
    @FunctionalInterface
    interface Reader {
        Object read(Node value, boolean listener);
    }
}
