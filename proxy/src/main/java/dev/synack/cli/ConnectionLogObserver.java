package dev.synack.cli;

import dev.synack.observe.ConnectionObserver;
import dev.synack.observe.ConnectionSummary;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs one line per ended connection at debug level: who, where to, bytes each way, who closed first and
 * why. Debug, because at thousands of connections a second an info line each would cost more than the relay.
 */
final class ConnectionLogObserver implements ConnectionObserver {
    private static final Logger log = LoggerFactory.getLogger("dev.synack.connections");

    @Override
    public void closed(ConnectionSummary s) {
        if (log.isDebugEnabled()) {
            log.debug("#{} {} {} -> {} c->s {} B s->c {} B, closed first by {}: {} after {} ms ({} attempt(s))",
                    s.id(), s.proxy(), s.client(), s.upstream(), s.bytesClientToService(), s.bytesServiceToClient(),
                    s.closedFirst() == null ? "nobody" : s.closedFirst().name().toLowerCase(Locale.ROOT),
                    s.reason().label(), s.durationNanos() / 1_000_000, s.attempts());
        }
    }
}
