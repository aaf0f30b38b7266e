package dev.synack.demo;

import dev.synack.observe.ConnectionInfo;
import dev.synack.observe.ConnectionObserver;
import dev.synack.observe.ConnectionSummary;
import dev.synack.observe.Direction;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Hands each ended connection's summary from the proxy's event loop to the demo thread that waits for
 * it, and keeps the faults that acted on each connection for its report.
 */
final class SummaryCollector implements ConnectionObserver {
    private final BlockingQueue<ConnectionSummary> closed = new LinkedBlockingQueue<>();
    private final Map<Long, List<String>> faults = new ConcurrentHashMap<>();

    /** The report shows both sockets' effective options. */
    @Override
    public boolean wantsSocketOptions() {
        return true;
    }

    @Override
    public void faultApplied(String proxy, ConnectionInfo c, String fault, String type, Direction direction, long nanos) {
        if (c != null) {
            faults.computeIfAbsent(c.id(), id -> new CopyOnWriteArrayList<>()).add(fault + " (" + type + ", " + direction.key() + ")");
        }
    }

    /** The faults that acted on connection {@code id}, in the order they started: {@code lag (latency, service_to_client)}. */
    List<String> faults(long id) {
        return faults.getOrDefault(id, List.of());
    }

    @Override
    public void closed(ConnectionSummary summary) {
        closed.add(summary);
    }

    /** The next summary, or empty if no connection ended within {@code timeout}. */
    Optional<ConnectionSummary> next(Duration timeout) throws InterruptedException {
        return Optional.ofNullable(closed.poll(timeout.toMillis(), TimeUnit.MILLISECONDS));
    }
}
