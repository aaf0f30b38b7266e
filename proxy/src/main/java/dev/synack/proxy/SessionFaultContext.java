package dev.synack.proxy;

import dev.synack.config.FaultStream;
import dev.synack.fault.Fault;
import dev.synack.fault.FaultContext;
import dev.synack.observe.Direction;
import dev.synack.observe.Side;
import dev.synack.observe.SocketStates;
import dev.synack.time.Clock;
import java.net.InetSocketAddress;
import java.util.random.RandomGenerator;

/**
 * What the faults of one direction of a {@link Session} may know and tell: the connection, its client,
 * its clock and random stream, its sockets' TCP states (from the proxy's {@link SocketStates}); a fault
 * that starts acting becomes an observer event, and bytes a fault drops are counted as discarded. Used on
 * the session's event loop only.
 */
final class SessionFaultContext implements FaultContext {
    private final Session session;
    private final FaultStream stream;
    private final Direction direction;

    SessionFaultContext(Session session, FaultStream stream) {
        this.session = session;
        this.stream = stream;
        this.direction = Session.direction(stream);
    }

    @Override public long connectionId() { return session.id(); }
    @Override public InetSocketAddress client() { return session.client(); }
    @Override public FaultStream stream() { return stream; }
    @Override public Clock clock() { return session.context().clock(); }
    @Override public RandomGenerator random() { return session.random(); }

    @Override
    public void applied(Fault fault) {
        session.faultApplied(fault, stream);
    }

    @Override
    public void discarded(long n) {
        session.discarded(direction, n);
    }

    @Override
    public SocketStates.Registration whenState(Side side, String state, Runnable action) {
        return session.context().states().whenState(session.id(), side, state, action);
    }
}
