package dev.synack.soak;

import dev.synack.testkit.LoopbackServer;
import dev.synack.testkit.TestSocket;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The soak's one service: each connection's header says which scenario to play ({@link ServicePart}), and
 * what the service saw is filed under the connection's token for the client's checks.
 */
final class SoakService extends LoopbackServer {
    private final Map<Long, CompletableFuture<ServiceView>> views = new ConcurrentHashMap<>();
    private final AtomicLong headerless = new AtomicLong();

    private SoakService() {
        super("soak-service");
    }

    static SoakService start() {
        SoakService s = new SoakService();
        s.startAccepting();
        return s;
    }

    @Override
    protected void serve(TestSocket peer) throws Exception {
        try (peer) {
            Header h = Header.read(peer.channel());
            if (h == null) {
                headerless.incrementAndGet();
                return;
            }
            CompletableFuture<ServiceView> view = view(h.token());
            try {
                view.complete(ServicePart.play(h, peer));
            } catch (Exception | AssertionError e) {
                view.completeExceptionally(e);
            }
        }
    }

    /** What the service saw of the connection with this token, once it has played its part. */
    CompletableFuture<ServiceView> view(long token) {
        return views.computeIfAbsent(token, t -> new CompletableFuture<>());
    }

    /** Forgets a connection once it has been checked. */
    void forget(long token) {
        views.remove(token);
    }

    /** Connections that ended before their header was whole: no soak client does that. */
    long headerless() {
        return headerless.get();
    }
}
