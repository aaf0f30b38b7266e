package dev.synack.config;

import java.time.Duration;
import java.util.List;

/**
 * Reads the {@code connect} (with {@code backoff}), {@code limits} and {@code buffers} blocks of a proxy,
 * including the checks that span two fields. An omitted block is the record's {@code DEFAULT}; an omitted
 * field is that field of the {@code DEFAULT}.
 */
final class ProxyBlocks {
    static final List<String> CONNECT_KEYS = List.of("timeout", "attempts", "backoff");
    static final List<String> BACKOFF_KEYS = List.of("initial", "multiplier", "max", "jitter");
    static final List<String> LIMITS_KEYS = List.of("max_connections", "max_connections_per_client", "idle_timeout", "max_duration");
    static final List<String> BUFFER_KEYS = List.of("read_size", "high_watermark", "low_watermark", "splice");

    private static final long MAX_BUFFER = 1L << 30;
    // Upper bounds far beyond any sensible value; they keep every duration clear of Duration.toNanos() overflow.
    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofHours(1);
    private static final Duration MAX_BACKOFF = Duration.ofHours(1);
    private static final Duration MAX_CONNECTION_TIME = Duration.ofDays(365);

    private ProxyBlocks() {}

    static ConnectSpec connect(Node n) {
        ConnectSpec d = ConnectSpec.DEFAULT;
        if (!n.mapping(CONNECT_KEYS, Expect.mappingOf(CONNECT_KEYS))) {
            return d;
        }
        Duration timeout = Values.duration(n.get("timeout"), Duration.ofMillis(1), MAX_CONNECT_TIMEOUT);
        Integer attempts = Values.integer(n.get("attempts"), 1, 100);
        return new ConnectSpec(Values.or(timeout, d.timeout()), Values.or(attempts, d.attempts()), backoff(n.get("backoff")));
    }

    static BackoffSpec backoff(Node n) {
        BackoffSpec d = BackoffSpec.DEFAULT;
        if (!n.mapping(BACKOFF_KEYS, Expect.mappingOf(BACKOFF_KEYS))) {
            return d;
        }
        Duration initial = Values.duration(n.get("initial"), Duration.ZERO, MAX_BACKOFF);
        Double multiplier = n.get("multiplier").number(1, Double.MAX_VALUE, Expect.MULTIPLIER);
        Duration max = Values.duration(n.get("max"), Duration.ZERO, MAX_BACKOFF);
        Double jitter = n.get("jitter").number(0, 1, Expect.JITTER);
        BackoffSpec b = new BackoffSpec(Values.or(initial, d.initial()), Values.or(multiplier, d.multiplier()),
                Values.or(max, d.max()), Values.or(jitter, d.jitter()));
        Node initialNode = n.get("initial");
        Node maxNode = n.get("max");
        if (b.max().compareTo(b.initial()) < 0 && valid(initialNode, initial) && valid(maxNode, max)) {
            String initialText = Units.formatDuration(b.initial());
            String maxText = Units.formatDuration(b.max());
            if (maxNode.present()) {
                maxNode.fail(Expect.atLeast("duration", "initial", initialText + (initialNode.present() ? "" : ", its default")));
            } else {
                initialNode.fail(Expect.atMost("duration", "max", maxText + ", its default"));
            }
        }
        return b;
    }

    static LimitsSpec limits(Node n) {
        LimitsSpec d = LimitsSpec.DEFAULT;
        if (!n.mapping(LIMITS_KEYS, Expect.mappingOf(LIMITS_KEYS))) {
            return d;
        }
        Integer max = Values.integer(n.get("max_connections"), 0, Integer.MAX_VALUE);
        Integer perClient = Values.integer(n.get("max_connections_per_client"), 0, Integer.MAX_VALUE);
        Duration idle = Values.duration(n.get("idle_timeout"), Duration.ZERO, MAX_CONNECTION_TIME);
        Duration life = Values.duration(n.get("max_duration"), Duration.ZERO, MAX_CONNECTION_TIME);
        return new LimitsSpec(Values.or(max, d.maxConnections()), Values.or(perClient, d.maxConnectionsPerClient()),
                Values.or(idle, d.idleTimeout()), Values.or(life, d.maxDuration()));
    }

    static BufferSpec buffers(Node n) {
        BufferSpec d = BufferSpec.DEFAULT;
        if (!n.mapping(BUFFER_KEYS, Expect.mappingOf(BUFFER_KEYS))) {
            return d;
        }
        Integer read = Values.size(n.get("read_size"), 1 << 10, 16 << 20);
        Integer high = Values.size(n.get("high_watermark"), 1, MAX_BUFFER);
        Integer low = Values.size(n.get("low_watermark"), 0, MAX_BUFFER);
        SpliceMode splice = splice(n.get("splice"));
        BufferSpec b = new BufferSpec(Values.or(read, d.readSize()), Values.or(high, d.highWatermark()), Values.or(low, d.lowWatermark()),
                Values.or(splice, d.splice()));
        Node lowNode = n.get("low_watermark");
        Node highNode = n.get("high_watermark");
        if (b.lowWatermark() > b.highWatermark() && valid(lowNode, low) && valid(highNode, high)) {
            String lowText = Units.formatSize(b.lowWatermark());
            String highText = Units.formatSize(b.highWatermark());
            if (lowNode.present()) {
                lowNode.fail(Expect.atMost("size", "high_watermark", highText + (highNode.present() ? "" : ", its default")));
            } else {
                highNode.fail(Expect.atLeast("size", "low_watermark", lowText + ", its default"));
            }
        }
        return b;
    }

    /** {@code auto} or {@code off}; YAML reads a bare {@code off} as false, so false is off too (and true auto). */
    private static SpliceMode splice(Node n) {
        if (n.value() != null && n.value().isBoolean()) {
            return n.value().booleanValue() ? SpliceMode.AUTO : SpliceMode.OFF;
        }
        return Values.choice(n, SpliceMode.values(), SpliceMode::configName);
    }

    /** True if the field is absent (its default stands) or was read without error: only then compare it. */
    private static boolean valid(Node n, Object value) {
        return !n.present() || value != null;
    }
}
