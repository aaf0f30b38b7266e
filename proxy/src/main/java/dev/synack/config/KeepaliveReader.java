package dev.synack.config;

import java.time.Duration;
import java.util.List;

/**
 * Reads {@code keepalive}: either {@code true}/{@code false}, or a mapping of {@code enabled}, {@code idle},
 * {@code interval}, {@code count}. A mapping turns keepalive on unless it says {@code enabled: false}, so
 * {@code keepalive: {idle: 60s}} means what it reads as.
 */
final class KeepaliveReader {
    static final List<String> KEYS = List.of("enabled", "idle", "interval", "count");

    // Linux keeps TCP_KEEPIDLE and TCP_KEEPINTVL in whole seconds up to 32767, TCP_KEEPCNT up to 127.
    private static final int MAX_SECONDS = 32767;
    private static final int MAX_COUNT = 127;

    private KeepaliveReader() {}

    static KeepaliveSpec read(Node n) {
        if (!n.present()) {
            return null;
        }
        if (n.value().isBoolean()) {
            return new KeepaliveSpec(n.value().booleanValue(), null, null, null);
        }
        if (!n.mapping(KEYS, Expect.KEEPALIVE)) {
            return null;
        }
        Boolean enabled = n.get("enabled").bool();
        Duration idle = Values.seconds(n.get("idle"), 1, MAX_SECONDS);
        Duration interval = Values.seconds(n.get("interval"), 1, MAX_SECONDS);
        Integer count = Values.integer(n.get("count"), 1, MAX_COUNT);
        return new KeepaliveSpec(Values.or(enabled, Defaults.KEEPALIVE_ENABLED_IN_MAPPING), idle, interval, count);
    }
}
