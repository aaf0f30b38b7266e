package dev.synack.mirror;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts divergences per proxy and kind, and logs each one once, tagged with its connection: the failure
 * triad's counter and log line (the connection's record holds the divergence itself).
 */
final class DivergenceCounters implements DivergenceSink {
    private static final Logger log = LoggerFactory.getLogger("dev.synack.mirror");

    private final Map<String, Map<DivergenceKind, LongAdder>> byProxy = new ConcurrentHashMap<>();

    @Override
    public void diverged(Divergence d) {
        byProxy.computeIfAbsent(d.proxy(), p -> {
            Map<DivergenceKind, LongAdder> m = new EnumMap<>(DivergenceKind.class);
            for (DivergenceKind k : DivergenceKind.values()) {
                m.put(k, new LongAdder());
            }
            return m;
        }).get(d.kind()).increment();
        log.warn("[{}#{}] {} socket diverges from the kernel: {}: {}", d.proxy(), d.connection(),
                d.socket().name().toLowerCase(java.util.Locale.ROOT), d.kind().key(), d.explanation());
    }

    /** Divergences of {@code proxy} so far, by kind (every kind present, zero if none). */
    Map<DivergenceKind, Long> of(String proxy) {
        Map<DivergenceKind, Long> counts = new EnumMap<>(DivergenceKind.class);
        Map<DivergenceKind, LongAdder> m = byProxy.get(proxy);
        for (DivergenceKind k : DivergenceKind.values()) {
            counts.put(k, m == null ? 0L : m.get(k).sum());
        }
        return counts;
    }

    Iterable<String> proxies() {
        return byProxy.keySet();
    }
}
