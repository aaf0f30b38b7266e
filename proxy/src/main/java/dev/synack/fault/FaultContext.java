package dev.synack.fault;

import dev.synack.config.FaultStream;
import dev.synack.observe.Side;
import dev.synack.observe.SocketStates;
import dev.synack.time.Clock;
import java.net.InetSocketAddress;
import java.util.random.RandomGenerator;

/**
 * What a fault handler may know of and tell its connection, one per connection and direction; the relay
 * implements it. Called on the connection's event loop only.
 */
public interface FaultContext {
    long connectionId();

    /** The client's address, which a fault's {@code clients} blocks are matched against. */
    InetSocketAddress client();

    /** The direction whose outbound path the handlers of this context sit in. */
    FaultStream stream();

    /** The clock every timer of a fault runs by. */
    Clock clock();

    /**
     * The connection's generator (split from the proxy's seeded one in accept order), for toxicity draws,
     * jitter and slice sizes: the same seed and connection order give the same decisions.
     */
    RandomGenerator random();

    /**
     * The budget every {@code latency} fault of the process holds its bytes in: the process's own, unless
     * a test gives a smaller one.
     */
    default LatencyBudget latencyBudget() {
        return LatencyBudget.shared();
    }

    /** A fault started acting on this connection and direction: the observer's "fault applied" event. */
    void applied(Fault fault);

    /** A fault dropped {@code bytes} bytes the relay read and will never write: byte counters must know. */
    void discarded(long bytes);

    /**
     * Runs {@code action} on this connection's loop when its socket on {@code side} enters the TCP state
     * {@code state} (at once, before returning, if it is in it), for an {@code on_state} trigger; see
     * {@link SocketStates}. Where nothing follows socket states (the mirror is off, and by default), it
     * never runs.
     */
    default SocketStates.Registration whenState(Side side, String state, Runnable action) {
        return SocketStates.Registration.NONE;
    }
}
