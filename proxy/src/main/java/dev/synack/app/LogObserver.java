package dev.synack.app;

import dev.synack.observe.CloseReason;
import dev.synack.observe.ConnectionInfo;
import dev.synack.observe.ConnectionObserver;
import dev.synack.observe.ConnectionSummary;
import dev.synack.observe.Direction;
import dev.synack.observe.OptionReading;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each listener's effective options once at info, and each ended connection at debug, with the
 * faults that acted on it. A fault that acts before there is a connection (refuse at accept,
 * accept_pause) gets a debug line of its own, just before the rejection it causes.
 */
final class LogObserver implements ConnectionObserver {
    private static final Logger log = LoggerFactory.getLogger("dev.synack.connections");

    /** The faults applied to each open connection, kept only while its closing line will be logged. */
    private final Map<Long, List<String>> faults = new ConcurrentHashMap<>();

    /** Per-connection options are logged at debug; at info they are not worth their getsockopt calls. */
    @Override
    public boolean wantsSocketOptions() {
        return log.isDebugEnabled();
    }

    @Override
    public void listening(String proxy, InetSocketAddress address, List<OptionReading> options) {
        log.info("[{}] listening on {}; listener socket: {}", proxy, address, options);
    }

    /** A connection refused at accept is a connection record too, on the same logger and level. */
    @Override
    public void rejected(String proxy, InetSocketAddress client, CloseReason reason, long nanos) {
        log.debug("[{}] {} rejected at accept: {}", proxy, client, reason.key());
    }

    @Override
    public void faultApplied(String proxy, ConnectionInfo c, String fault, String type, Direction direction, long nanos) {
        if (!log.isDebugEnabled()) {
            return;
        }
        if (c == null) {
            log.debug("[{}] fault {} ({}) applied at accept", proxy, fault, type);
            return;
        }
        // A connection's events come from its one event loop; the list is only ever touched there.
        faults.computeIfAbsent(c.id(), id -> new ArrayList<>(2)).add(fault + " (" + type + ", " + direction.key() + ")");
    }

    @Override
    public void closed(ConnectionSummary s) {
        List<String> applied = faults.remove(s.id());
        if (log.isDebugEnabled()) {
            log.debug("[{}#{}] {} -> {} closed: {} (first: {}), c->s {} B, s->c {} B, {} ms; faults: {}; downstream {}; upstream {}",
                    s.proxy(), s.id(), s.client(), s.upstream(), s.reason().key(), s.closedFirst(),
                    s.bytesClientToService(), s.bytesServiceToClient(), TimeUnit.NANOSECONDS.toMillis(s.durationNanos()),
                    applied == null ? "none" : String.join(", ", applied), s.downstreamOptions(), s.upstreamOptions());
        }
    }
}
