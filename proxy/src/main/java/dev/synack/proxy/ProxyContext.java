package dev.synack.proxy;

import dev.synack.config.ProxySpec;
import dev.synack.net.SocketTuner;
import dev.synack.net.Transport;
import dev.synack.observe.ConnectionObserver;
import dev.synack.observe.SocketStates;
import dev.synack.time.Clock;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Everything a session of one proxy needs, fixed when the session is accepted: the proxy's spec, the
 * observer, the clock, the seed of its random streams, the socket tuners and bootstraps built from the
 * spec, the host resolver, the proxy's live-session set, and the socket states its faults' {@code on_state}
 * triggers wait for ({@link SocketStates#NONE} with the mirror off). A proxy whose options change gets a new
 * context for its new connections; sessions keep the one they started with.
 */
record ProxyContext(
        ProxySpec spec,
        Transport transport,
        ConnectionObserver observer,
        Clock clock,
        long seed,
        SocketTuner downstreamTuner,
        SocketTuner upstreamTuner,
        Bootstraps bootstraps,
        HostResolver resolver,
        LiveSessions sessions,
        SocketStates states) {

    /** Builds the tuners and bootstraps of {@code spec}. */
    static ProxyContext of(ProxySpec spec, Transport transport, ConnectionObserver observer, Clock clock, long seed,
                           HostResolver resolver, LiveSessions sessions, SocketStates states) {
        SocketTuner down = SocketTuner.downstream(spec.downstream(), transport);
        SocketTuner up = SocketTuner.upstream(spec.upstreamSocket(), transport);
        return new ProxyContext(spec, transport, observer, clock, seed, down, up,
                new Bootstraps(transport, spec.buffers(), down, up), resolver, sessions, states);
    }

    String name() {
        return spec.name();
    }

    /** Whether sessions read their sockets' effective options (some observer wants them). */
    boolean readsOptions() {
        return observer.wantsSocketOptions();
    }

    /** Whether session {@code id} reads each socket's tcp_info at its end: some observer wants it of that connection. */
    boolean readsTcpInfo(long id) {
        int every = observer.tcpInfoEvery();
        return every > 0 && (id - 1) % every == 0;
    }

    /**
     * The random stream of the {@code sequence}-th session of this proxy: the same seed and the same
     * accept order give every session the same draws (backoff jitter, fault toxicity), whatever the
     * event loop it runs on.
     */
    RandomGenerator random(long sequence) {
        return new SplittableRandom(seed + sequence * 0x9E37_79B9_7F4A_7C15L);
    }
}
