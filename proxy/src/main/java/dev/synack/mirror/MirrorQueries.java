package dev.synack.mirror;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.synack.observe.MirrorCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * What the admin routes ask of the mirror, safe to call from any thread: each connection, live or ended, is
 * copied under its own lock into an immutable {@link ConnectionView} (the event loop waits at most for that
 * copy), and answers are built from the copies. Each question comes as views and as the JSON of the admin API:
 * <pre>
 * GET /synack/connections[?proxy=NAME][&amp;closed=true]  connections(proxy, includeClosed) / connectionsJson(...)
 * GET /synack/connections/{id}                         connection(id) / connectionJson(id)      (empty: 404)
 * GET /synack/connections/{id}?format=text             text(id)                                (empty: 404)
 * GET /synack/divergences                              divergences() / divergencesJson()
 * </pre>
 */
public final class MirrorQueries {
    private final Map<Long, ConnectionMirror> live;
    private final EndedConnections ended;
    private final DivergenceCounters counters;
    private final LongSupplier clock;
    private final MirrorTally tally;

    MirrorQueries(Map<Long, ConnectionMirror> live, EndedConnections ended, DivergenceCounters counters, LongSupplier clock) {
        this.live = live;
        this.ended = ended;
        this.counters = counters;
        this.clock = clock;
        this.tally = new MirrorTally(live, ended, counters, clock);
    }

    /** The counts behind the metrics {@code synack_sockets} and {@code synack_divergences_total}, for the metrics layer to bind. */
    public MirrorCounts counts() {
        return tally;
    }

    /** Open connections (of {@code proxy}, or all when null), and with {@code includeClosed} the ended ones still tracked; by id. */
    public List<ConnectionView> connections(String proxy, boolean includeClosed) {
        long now = clock.getAsLong();
        // By id: a connection that ends meanwhile is met live and then ended, and its ended view is the later.
        Map<Long, ConnectionView> views = new TreeMap<>();
        for (ConnectionMirror m : live.values()) {
            if (proxy == null || proxy.equals(m.proxy)) {
                ConnectionView v = m.view(now);
                if (v.open() || includeClosed) {
                    views.put(v.id(), v);
                }
            }
        }
        if (includeClosed) {
            for (EndedConnection e : ended.snapshot()) {
                if (proxy == null || proxy.equals(e.proxy)) {
                    views.put(e.id, e.view(now));
                }
            }
        }
        return new ArrayList<>(views.values());
    }

    public Optional<ConnectionView> connection(long id) {
        long now = clock.getAsLong();
        // Live first: a connection that ends is tracked as ended before it leaves the live ones.
        ConnectionMirror m = live.get(id);
        if (m != null) {
            return Optional.of(m.view(now));
        }
        EndedConnection e = ended.get(id);
        return e == null ? Optional.empty() : Optional.of(e.view(now));
    }

    /** Every divergence of every tracked connection, oldest connection first. */
    public List<Divergence> divergences() {
        List<Divergence> all = new ArrayList<>();
        connections(null, true).forEach(v -> all.addAll(v.divergences()));
        return all;
    }

    /** {@code {"connections": [CONN, ...]}}, without timelines. */
    public ObjectNode connectionsJson(String proxy, boolean includeClosed) {
        return MirrorJson.connections(connections(proxy, includeClosed));
    }

    /** One CONN with its {@code "timeline"}; empty for an id the mirror does not know. */
    public Optional<ObjectNode> connectionJson(long id) {
        return connection(id).map(v -> MirrorJson.connection(v, true));
    }

    /** The connection's life as a text sequence diagram (text/plain); empty for an unknown id. */
    public Optional<String> text(long id) {
        return connection(id).map(SequenceDiagram::render);
    }

    /** {@code {"divergences": [{"connection", "socket", "kind", "since_ms", "explanation"}, ...]}}. */
    public ObjectNode divergencesJson() {
        return MirrorJson.divergences(divergences(), clock.getAsLong());
    }

    /** Per-proxy counts for the metrics layer: sockets by mirror and kernel state, and divergences by kind. */
    public List<ProxyMirrorStats> stats() {
        return ProxyMirrorStats.of(connections(null, true), counters);
    }
}
