package dev.synack.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pairs synack's connection records with the soak's clients by proxy and client port. A record may come
 * before the client asks for it (a refused upstream is reset within a millisecond), so whichever comes
 * first creates the entry; the client takes it away once it has checked it.
 */
final class Records {
    private final Map<String, CompletableFuture<Record>> pending = new ConcurrentHashMap<>();

    void arrived(Record r) {
        entry(r.proxy(), r.clientPort()).complete(r);
    }

    CompletableFuture<Record> expect(String proxy, int port) {
        return entry(proxy, port);
    }

    void forget(String proxy, int port) {
        pending.remove(proxy + ":" + port);
    }

    /** Records nobody claimed: connections synack saw that no soak client made, or a client that gave up. */
    List<Record> unclaimed() {
        List<Record> out = new ArrayList<>();
        pending.values().stream().filter(f -> f.isDone() && !f.isCompletedExceptionally()).forEach(f -> out.add(f.join()));
        return out;
    }

    private CompletableFuture<Record> entry(String proxy, int port) {
        return pending.computeIfAbsent(proxy + ":" + port, k -> new CompletableFuture<>());
    }
}
