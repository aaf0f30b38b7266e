package dev.synack.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.observe.CloseReason;
import dev.synack.observe.ConnectionInfo;
import dev.synack.observe.ConnectionSummary;
import dev.synack.observe.Direction;
import dev.synack.observe.OptionReading;
import dev.synack.observe.Peer;
import dev.synack.observe.Side;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/**
 * The store of ended connections against a linked map (the order they ended, by id): adds past the cap,
 * forgets from anywhere, lookups, through the ring's wrap and both arrays' growth.
 */
class EndedConnectionsTest {
    private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 40000);
    private static final MirrorOptions OPTIONS = new MirrorOptions(Duration.ofSeconds(1), Duration.ofSeconds(30), 100,
            Duration.ofSeconds(5), 1_000);

    @Test
    void randomOperationsKeepTheOrderAndTheIndexOfALinkedMap() {
        Random random = new Random(20261204);
        for (int max : new int[] {1, 3, 17, 100, 1000}) {
            EndedConnections store = new EndedConnections(max);
            Map<Long, EndedConnection> reference = new LinkedHashMap<>();
            long evicted = 0;
            long next = random.nextInt(1000);
            for (int op = 0; op < 2500; op++) {
                if (random.nextInt(10) < 7) {
                    // ids mostly rise, with gaps (sessions of other proxies, rejected connections)
                    next += 1 + random.nextInt(random.nextBoolean() ? 2 : 5000);
                    EndedConnection e = record(next);
                    store.add(e);
                    reference.put(next, e);
                    if (reference.size() > max) {
                        reference.remove(reference.keySet().iterator().next());
                        evicted++;
                    }
                } else {
                    Set<EndedConnection> expired = new HashSet<>();
                    reference.values().forEach(e -> {
                        if (random.nextInt(4) == 0) {
                            expired.add(e);
                        }
                    });
                    store.forget(expired::contains);
                    reference.values().removeAll(expired);
                }
                assertThat(store.snapshot()).containsExactlyElementsOf(reference.values());
                assertThat(store.size()).isEqualTo(reference.size());
                assertThat(store.evicted()).isEqualTo(evicted);
                for (int probe = 0; probe < 5; probe++) {
                    long id = next - random.nextInt(3 * max + 2);
                    assertThat(store.get(id)).isSameAs(reference.get(id));
                }
            }
            for (EndedConnection e : new ArrayList<>(reference.values())) {
                assertThat(store.get(e.id)).isSameAs(e);
            }
        }
    }

    @Test
    void aCapOfZeroTracksNothing() {
        EndedConnections store = new EndedConnections(0);
        store.add(record(1));
        assertThat(store.snapshot()).isEmpty();
        assertThat(store.get(1)).isNull();
        assertThat(store.evicted()).isEqualTo(1);
    }

    /** A record of a connection that ended before any socket: all the store looks at is its id. */
    private static EndedConnection record(long id) {
        ConnectionInfo c = new ConnectionInfo() {
            @Override public long id() { return id; }
            @Override public Executor executor() { return Runnable::run; }
            @Override public boolean isOpen() { return false; }
            @Override public long startNanos() { return 0; }
            @Override public String proxy() { return "web"; }
            @Override public InetSocketAddress client() { return CLIENT; }
            @Override public InetSocketAddress upstream() { return null; }
            @Override public InetSocketAddress localAddress(Side side) { return null; }
            @Override public InetSocketAddress remoteAddress(Side side) { return null; }
            @Override public long bytes(Direction direction) { return 0; }
            @Override public List<OptionReading> options(Side side) { return List.of(); }
        };
        ConnectionMirror m = new ConnectionMirror(c, 0, OPTIONS, new FakeKernel(), () -> 0, d -> { }, new ReadBudget(1_000, () -> 0));
        m.observe(Side.DOWNSTREAM, 0, StepKind.RST_SENT, null);
        return m.end(new ConnectionSummary(id, "web", CLIENT, null, 0, -1, 1, 0, 0, 0, 0, Peer.PROXY, CloseReason.SHUTDOWN,
                List.of(), List.of()));
    }
}
