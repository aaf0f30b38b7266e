package dev.synack.mirror;

import dev.synack.mirror.model.TcpState;
import dev.synack.observe.MirrorCounts;
import dev.synack.observe.Side;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The mirror's counts for the metrics layer: tracked sockets by proxy, side, source and state, and the
 * divergence counters. A scrape reads dozens of gauges one after another, so the socket counts are one
 * tally of every tracked connection (each copied under its own lock, as a query does), reused for
 * {@link #FRESH} on the engine's clock.
 */
final class MirrorTally implements MirrorCounts {
    static final Duration FRESH = Duration.ofSeconds(1);
    private static final List<String> MIRROR_STATES = Arrays.stream(TcpState.values()).map(Enum::name).toList();
    private static final List<String> KERNEL_STATES;
    private static final List<String> KINDS = Arrays.stream(DivergenceKind.values()).map(DivergenceKind::key).toList();

    static {
        List<String> kernel = new ArrayList<>(MIRROR_STATES);
        kernel.add("GONE");
        KERNEL_STATES = List.copyOf(kernel);
    }

    private final Map<Long, ConnectionMirror> live;
    private final EndedConnections ended;
    private final DivergenceCounters counters;
    private final LongSupplier clock;
    private Map<String, Long> tally;
    private long talliedAt;

    MirrorTally(Map<Long, ConnectionMirror> live, EndedConnections ended, DivergenceCounters counters, LongSupplier clock) {
        this.live = live;
        this.ended = ended;
        this.counters = counters;
        this.clock = clock;
    }

    @Override
    public List<String> states(String source) {
        return KERNEL.equals(source) ? KERNEL_STATES : MIRROR_STATES;
    }

    @Override
    public List<String> divergenceKinds() {
        return KINDS;
    }

    @Override
    public synchronized long sockets(String proxy, Side side, String source, String state) {
        long now = clock.getAsLong();
        if (tally == null || now - talliedAt >= FRESH.toNanos()) {
            Map<String, Long> t = new HashMap<>();
            for (ConnectionMirror m : live.values()) {
                m.tally(t);
            }
            for (EndedConnection e : ended.snapshot()) {
                e.tally(t);
            }
            tally = t;
            talliedAt = now;
        }
        return tally.getOrDefault(key(proxy, side, source, state), 0L);
    }

    @Override
    public long divergences(String proxy, String kind) {
        return counters.of(proxy).get(DivergenceKind.valueOf(kind.toUpperCase(java.util.Locale.ROOT)));
    }

    static String key(String proxy, Side side, String source, String state) {
        return proxy + '|' + side.key() + '|' + source + '|' + state;
    }
}
