package dev.synack.demo;

import dev.synack.observe.ConnectionObserver;
import dev.synack.observe.ConnectionSummary;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Hands each ended connection's summary from the proxy's event loop to the demo thread that waits for it. */
final class SummaryCollector implements ConnectionObserver {
    private final BlockingQueue<ConnectionSummary> closed = new LinkedBlockingQueue<>();

    /** The report shows both sockets' effective options. */
    @Override
    public boolean wantsSocketOptions() {
        return true;
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
