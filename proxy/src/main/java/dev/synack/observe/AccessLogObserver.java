package dev.synack.observe;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access log: one JSON line ({@link AccessLogLine}) per ended connection and per connection rejected
 * at accept, logged at info on the logger {@value #LOGGER}, which the composition root gives its own
 * appender (a file or standard output). It asks sessions for each socket's tcp_info at its end, and
 * remembers the faults that acted on each connection until it ends: nothing for a connection without
 * faults, one small list for one with.
 */
public final class AccessLogObserver implements ConnectionObserver {
    /** The access log's logger: its lines and nothing else. */
    public static final String LOGGER = "dev.synack.access";

    private final Logger log;
    private final Clock clock;
    /** Faults applied to each live connection, by connection id; each list is touched on its connection's loop only. */
    private final ConcurrentHashMap<Long, List<AppliedFault>> faults = new ConcurrentHashMap<>();
    /**
     * Faults that refused the connection being admitted on this thread. A refusing fault is reported (with
     * no connection, which never became one) right before the rejection, on the same listener thread.
     */
    private final ThreadLocal<List<AppliedFault>> refusing = ThreadLocal.withInitial(ArrayList::new);

    /** Lines logged on {@code log}, stamped with {@code clock}'s time. */
    public AccessLogObserver(Logger log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    /** Lines on the {@value #LOGGER} logger, stamped with the system's UTC time. */
    public AccessLogObserver() {
        this(LoggerFactory.getLogger(LOGGER), Clock.systemUTC());
    }

    @Override
    public int tcpInfoEvery() {
        return 1;
    }

    @Override
    public void faultApplied(String proxy, ConnectionInfo c, String fault, String type, Direction direction, long nanos) {
        AppliedFault f = new AppliedFault(fault, type, direction);
        List<AppliedFault> list = c == null ? refusing.get() : faults.computeIfAbsent(c.id(), id -> new ArrayList<>(2));
        if (!list.contains(f)) {
            list.add(f);
        }
    }

    @Override
    public void rejected(String proxy, InetSocketAddress client, CloseReason reason, long nanos) {
        List<AppliedFault> pending = refusing.get();
        List<AppliedFault> applied = reason == CloseReason.FAULT ? List.copyOf(pending) : List.of();
        pending.clear();
        if (log.isInfoEnabled()) {
            log.info(AccessLogLine.rejected(clock.instant(), proxy, client, reason, applied));
        }
    }

    @Override
    public void closed(ConnectionSummary s) {
        List<AppliedFault> applied = faults.remove(s.id());
        if (log.isInfoEnabled()) {
            log.info(AccessLogLine.closed(clock.instant(), s, applied == null ? List.of() : applied));
        }
    }
}
