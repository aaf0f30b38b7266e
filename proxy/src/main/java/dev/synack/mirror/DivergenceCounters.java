package dev.synack.mirror;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts divergences per proxy and kind, and logs them tagged with their connection: the failure triad's
 * counter and log line (the connection's record holds the divergence itself). Every divergence is
 * counted; the log gets at most one line per proxy and kind a second, the next line saying how many it
 * left out. A proxy that churns through connections can produce thousands of one kind a second (a client
 * that reuses its ports takes over synack's TIME_WAITs), and a line each would cost more than the relay.
 */
final class DivergenceCounters implements DivergenceSink {
    private static final Logger log = LoggerFactory.getLogger("dev.synack.mirror");
    private static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** One proxy's counts, and per kind when its last line was logged and how many were left out since. */
    private static final class Kinds {
        final Map<DivergenceKind, LongAdder> counts = new EnumMap<>(DivergenceKind.class);
        final long[] loggedAt = new long[DivergenceKind.values().length];
        final long[] unlogged = new long[DivergenceKind.values().length];
        final boolean[] logged = new boolean[DivergenceKind.values().length];

        Kinds() {
            for (DivergenceKind k : DivergenceKind.values()) {
                counts.put(k, new LongAdder());
            }
        }
    }

    private final Map<String, Kinds> byProxy = new ConcurrentHashMap<>();
    private final LongSupplier clock;

    DivergenceCounters(LongSupplier clock) {
        this.clock = clock;
    }

    @Override
    public void diverged(Divergence d) {
        Kinds kinds = byProxy.computeIfAbsent(d.proxy(), p -> new Kinds());
        kinds.counts.get(d.kind()).increment();
        long left;
        synchronized (kinds) {
            int k = d.kind().ordinal();
            long now = clock.getAsLong();
            if (kinds.logged[k] && now - kinds.loggedAt[k] < LOG_EVERY_NANOS) {
                kinds.unlogged[k]++;
                return;
            }
            kinds.logged[k] = true;
            kinds.loggedAt[k] = now;
            left = kinds.unlogged[k];
            kinds.unlogged[k] = 0;
        }
        log.warn("[{}#{}] {} socket diverges from the kernel: {}: {}{}", d.proxy(), d.connection(),
                d.socket().name().toLowerCase(Locale.ROOT), d.kind().key(), d.explanation(),
                left == 0 ? "" : " (" + left + " more " + d.kind().key() + " on this proxy since the last such line)");
    }

    /** Divergences of {@code proxy} so far, by kind (every kind present, zero if none). */
    Map<DivergenceKind, Long> of(String proxy) {
        Map<DivergenceKind, Long> counts = new EnumMap<>(DivergenceKind.class);
        Kinds m = byProxy.get(proxy);
        for (DivergenceKind k : DivergenceKind.values()) {
            counts.put(k, m == null ? 0L : m.counts.get(k).sum());
        }
        return counts;
    }

    Iterable<String> proxies() {
        return byProxy.keySet();
    }
}
