package dev.synack.testkit;

import dev.synack.observe.CloseReason;
import dev.synack.observe.ConnectOutcome;
import dev.synack.observe.ConnectionInfo;
import dev.synack.observe.ConnectionObserver;
import dev.synack.observe.ConnectionSummary;
import dev.synack.observe.Direction;
import dev.synack.observe.OptionReading;
import dev.synack.observe.Side;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Records every event synack emits, in arrival order with a {@link System#nanoTime()} stamp, and every
 * {@link ConnectionSummary}. Byte counts and backpressure flips are only counted (they come by the
 * thousand). Tests block on {@link #awaitClosed(int)}, {@link #awaitSummary(Predicate)} and
 * {@link #awaitEvent(Kind, Predicate)}, which wake on each new event and give up after a generous timeout.
 */
public final class RecordingObserver implements ConnectionObserver {
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** The kinds of recorded events, one per observer method (but bytes and backpressure, which are counted). */
    public enum Kind {
        LISTENING, STOPPED_LISTENING, ACCEPTED, REJECTED, CONNECT_STARTED, CONNECTED, CONNECT_FAILED,
        FIN_READ, FIN_SENT, RESET_READ, RESET_SENT, SOCKET_ERROR, SOCKET_CLOSED, FAULT_APPLIED, CLOSED
    }

    /**
     * One event. {@code connection} is -1 where there is no session (listening, rejected); {@code address}
     * is the connect target, the rejected client or the listening address; {@code attempt} is 0 where it
     * does not apply; {@code nanos} is the event's own timestamp (the proxy's clock), or the time it was
     * recorded for events that carry none; {@code outcome} is set on CONNECT_FAILED only. A FAULT_APPLIED
     * event has the fault's name and type, and as {@code side} the socket its direction is written on
     * (UPSTREAM for client → service); its connection is -1 for a fault that acted at accept.
     */
    public record Event(Kind kind, long connection, Side side, InetSocketAddress address, int attempt,
                        CloseReason reason, Throwable cause, long nanos, ConnectOutcome outcome, String fault,
                        String faultType) {}

    private final List<Event> events = new ArrayList<>();
    private final List<ConnectionSummary> summaries = new ArrayList<>();
    private final AtomicLong[] bytesRead = {new AtomicLong(), new AtomicLong()};
    private final AtomicLong[] pauses = {new AtomicLong(), new AtomicLong()};
    private final AtomicLong[] resumes = {new AtomicLong(), new AtomicLong()};

    /** Tests look at every connection's tcp_info at its end. */
    @Override
    public int tcpInfoEvery() {
        return 1;
    }

    private synchronized void record(Kind kind, long id, Side side, InetSocketAddress address, int attempt,
                                     CloseReason reason, Throwable cause, long nanos) {
        record(new Event(kind, id, side, address, attempt, reason, cause, nanos, null, null, null));
    }

    private synchronized void record(Event e) {
        events.add(e);
        notifyAll();
    }

    @Override public void listening(String proxy, InetSocketAddress address, List<OptionReading> options) {
        record(Kind.LISTENING, -1, null, address, 0, null, null, System.nanoTime());
    }
    @Override public void stoppedListening(String proxy, InetSocketAddress address) {
        record(Kind.STOPPED_LISTENING, -1, null, address, 0, null, null, System.nanoTime());
    }
    @Override public void accepted(ConnectionInfo c, long t) { record(Kind.ACCEPTED, c.id(), null, c.client(), 0, null, null, t); }
    @Override public void rejected(String proxy, InetSocketAddress client, CloseReason reason, long t) {
        record(Kind.REJECTED, -1, null, client, 0, reason, null, t);
    }
    @Override public void connectStarted(ConnectionInfo c, InetSocketAddress target, int attempt, long t) {
        record(Kind.CONNECT_STARTED, c.id(), Side.UPSTREAM, target, attempt, null, null, t);
    }
    @Override public void connected(ConnectionInfo c, InetSocketAddress target, long connectNanos, long t) {
        record(Kind.CONNECTED, c.id(), Side.UPSTREAM, target, 0, null, null, t);
    }
    @Override public void connectFailed(ConnectionInfo c, InetSocketAddress target, int attempt, ConnectOutcome outcome,
                                        Throwable cause, long t) {
        record(new Event(Kind.CONNECT_FAILED, c.id(), Side.UPSTREAM, target, attempt, null, cause, t, outcome, null, null));
    }
    @Override public void bytesRead(ConnectionInfo c, Side side, int n) { bytesRead[side.ordinal()].addAndGet(n); }
    @Override public void backpressure(ConnectionInfo c, Side side, boolean paused, long t) {
        (paused ? pauses : resumes)[side.ordinal()].incrementAndGet();
        synchronized (this) {
            notifyAll();
        }
    }
    @Override public void finRead(ConnectionInfo c, Side side, long t) { record(Kind.FIN_READ, c.id(), side, null, 0, null, null, t); }
    @Override public void finSent(ConnectionInfo c, Side side, long t) { record(Kind.FIN_SENT, c.id(), side, null, 0, null, null, t); }
    @Override public void resetRead(ConnectionInfo c, Side side, long t) { record(Kind.RESET_READ, c.id(), side, null, 0, null, null, t); }
    @Override public void resetSent(ConnectionInfo c, Side side, long t) { record(Kind.RESET_SENT, c.id(), side, null, 0, null, null, t); }
    @Override public void socketError(ConnectionInfo c, Side side, Throwable cause, long t) {
        record(Kind.SOCKET_ERROR, c.id(), side, null, 0, null, cause, t);
    }
    @Override public void faultApplied(String proxy, ConnectionInfo c, String fault, String type, Direction d, long t) {
        Side side = d == Direction.CLIENT_TO_SERVICE ? Side.UPSTREAM : Side.DOWNSTREAM;
        record(new Event(Kind.FAULT_APPLIED, c == null ? -1 : c.id(), side, c == null ? null : c.client(), 0, null, null, t,
                null, fault, type));
    }
    @Override public void socketClosed(ConnectionInfo c, Side side, long t) {
        record(Kind.SOCKET_CLOSED, c.id(), side, c.localAddress(side), 0, null, null, t);
    }
    @Override public synchronized void closed(ConnectionSummary summary) {
        summaries.add(summary);
        record(Kind.CLOSED, summary.id(), null, summary.client(), 0, summary.reason(), null, System.nanoTime());
    }

    public synchronized List<Event> events() {
        return List.copyOf(events);
    }

    public List<Event> events(Kind kind) {
        return events().stream().filter(e -> e.kind() == kind).collect(Collectors.toList());
    }

    public List<Event> events(Kind kind, long connection) {
        return events().stream().filter(e -> e.kind() == kind && e.connection() == connection).collect(Collectors.toList());
    }

    /** The FAULT_APPLIED events of faults of {@code type}, in order. */
    public List<Event> faultsApplied(String type) {
        return events(Kind.FAULT_APPLIED).stream().filter(e -> type.equals(e.faultType())).collect(Collectors.toList());
    }

    /** Waits for the first FAULT_APPLIED event of a fault of {@code type}. */
    public Event awaitFaultApplied(String type) {
        return awaitEvent(Kind.FAULT_APPLIED, e -> type.equals(e.faultType()));
    }

    public synchronized List<ConnectionSummary> summaries() {
        return List.copyOf(summaries);
    }

    /** Bytes synack read on {@code side} (to be written on the other), summed over every session. */
    public long bytesRead(Side side) {
        return bytesRead[side.ordinal()].get();
    }

    /** How often reading on {@code side} was paused because the other side's buffer was full. */
    public long pauses(Side side) {
        return pauses[side.ordinal()].get();
    }

    /** Waits until at least {@code n} sessions have closed; returns the summaries so far. */
    public List<ConnectionSummary> awaitClosed(int n) {
        return await("" + n + " closed session(s)", () -> {
            List<ConnectionSummary> s = summaries();
            return s.size() >= n ? Optional.of(s) : Optional.empty();
        });
    }

    /** Waits for the first summary that matches. */
    public ConnectionSummary awaitSummary(Predicate<ConnectionSummary> match) {
        return await("a matching session summary", () -> summaries().stream().filter(match).findFirst());
    }

    /** Waits for the summary of the session of the client socket bound to {@code client}. */
    public ConnectionSummary awaitSummaryOf(InetSocketAddress client) {
        return awaitSummary(s -> sameEndpoint(s.client(), client));
    }

    /** Whether two socket addresses name the same IP and port (an IPv4-mapped IPv6 address equals its IPv4 form). */
    public static boolean sameEndpoint(InetSocketAddress a, InetSocketAddress b) {
        if (a == null || b == null || a.getPort() != b.getPort()) {
            return false;
        }
        byte[] x = a.getAddress().getAddress();
        byte[] y = b.getAddress().getAddress();
        return java.util.Arrays.equals(x, x.length - 4, x.length, y, y.length - 4, y.length);
    }

    /** Waits for the first event of {@code kind} that matches. */
    public Event awaitEvent(Kind kind, Predicate<Event> match) {
        return await("a matching " + kind + " event", () -> events(kind).stream().filter(match).findFirst());
    }

    public Event awaitEvent(Kind kind) {
        return awaitEvent(kind, e -> true);
    }

    /** Whether reading on {@code side} is paused right now (in some session): more pauses than resumes so far. */
    public boolean isPaused(Side side) {
        return pauses[side.ordinal()].get() > resumes[side.ordinal()].get();
    }

    /** Waits until reading on {@code side} is paused, or {@code orElse} holds. */
    public void awaitPaused(Side side, Supplier<Boolean> orElse) {
        await("reading on " + side + " paused by backpressure", () -> isPaused(side) || orElse.get()
                ? Optional.of(Boolean.TRUE) : Optional.empty());
    }

    /**
     * Waits until {@code probe} finds something, looking again at each new event; fails after
     * {@link #TIMEOUT} naming {@code what}.
     */
    public synchronized <T> T await(String what, Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            Optional<T> found = probe.get();
            if (found.isPresent()) {
                return found.get();
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no " + what + " within " + TIMEOUT.toSeconds() + " s; events so far: " + events);
            }
            try {
                // a bounded wait: a condition that does not follow an event (orElse) is re-checked often
                wait(Math.max(1, Math.min(left / 1_000_000, 50)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }
}
