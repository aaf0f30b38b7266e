package dev.synack.soak;

import dev.synack.observe.CloseReason;
import java.util.Set;

/**
 * One kind of soak connection: the proxy it goes through, how many of every 200 connections are of this
 * kind, the bytes each way, and the close reasons synack may record for it. What the client and the
 * service do is in {@link ClientPart} and {@link ServicePart}; what must be seen, in {@link Expectation}.
 */
enum Scenario {
    /** A short echo exchange, then the client closes: most of the traffic, to churn sessions. */
    CHURN(Proxies.RELAY, 100, 100, 100, CloseReason.CLIENT_FIN),
    /** The client sends and half-closes; the service answers only after that FIN. */
    CLIENT_FIN_FIRST(Proxies.RELAY, 20, 200 * 1024, 300 * 1024, CloseReason.CLIENT_FIN),
    /** The service sends and half-closes first; the client sends only after that FIN. */
    SERVICE_FIN_FIRST(Proxies.RELAY, 20, 300 * 1024, 200 * 1024, CloseReason.SERVICE_FIN),
    /** The client resets after the service has acknowledged its bytes. */
    CLIENT_RST(Proxies.RELAY, 10, 64 * 1024, 1, CloseReason.CLIENT_RST),
    /** The service resets after the client has acknowledged its bytes. */
    SERVICE_RST(Proxies.RELAY, 10, 1, 64 * 1024, CloseReason.SERVICE_RST),
    /** Both directions at once, 1 MiB each way. */
    DUPLEX(Proxies.RELAY, 9, 1 << 20, 1 << 20, CloseReason.CLIENT_FIN, CloseReason.SERVICE_FIN),
    /** A long transfer: 64 MiB each way at once. */
    LONG(Proxies.RELAY, 1, 64L << 20, 64L << 20, CloseReason.CLIENT_FIN, CloseReason.SERVICE_FIN),
    /** An upstream port that refuses: the client gets an RST. */
    REFUSED(Proxies.REFUSED, 10, 0, 0, CloseReason.UPSTREAM_UNREACHABLE),
    /** An upstream whose handshake never completes: the connect times out, the client gets an RST. */
    BLACKHOLED(Proxies.BLACKHOLED, 10, 0, 0, CloseReason.UPSTREAM_UNREACHABLE),
    /**
     * A short exchange, then silence until the proxy's idle timeout (1 s) ends it with FINs both ways. A
     * service that takes longer than that to answer is cut off before it does, rightly.
     */
    IDLE(Proxies.IDLE, 10, 0, 100, CloseReason.IDLE_TIMEOUT);

    final String proxy;
    final int weight;
    /** Bytes the client sends after the header. */
    final long up;
    /** Bytes the service sends. */
    final long down;
    final Set<CloseReason> reasons;

    Scenario(String proxy, int weight, long up, long down, CloseReason... reasons) {
        this.proxy = proxy;
        this.weight = weight;
        this.up = up;
        this.down = down;
        this.reasons = Set.of(reasons);
    }

    /** Whether the connection reaches the service (and so sends a header). */
    boolean reachesService() {
        return this != REFUSED && this != BLACKHOLED;
    }

    /** The proxy names of the soak's config. */
    static final class Proxies {
        static final String RELAY = "relay";
        static final String IDLE = "idle";
        static final String REFUSED = "refused";
        static final String BLACKHOLED = "blackholed";

        private Proxies() {}
    }
}
