package dev.synack.app;

import dev.synack.observe.CloseReason;
import dev.synack.observe.ConnectionObserver;
import dev.synack.observe.ConnectionSummary;
import dev.synack.observe.OptionReading;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs each listener's effective options once at info, and each ended connection at debug. */
final class LogObserver implements ConnectionObserver {
    private static final Logger log = LoggerFactory.getLogger("dev.synack.connections");

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
    public void closed(ConnectionSummary s) {
        if (log.isDebugEnabled()) {
            log.debug("[{}#{}] {} -> {} closed: {} (first: {}), c->s {} B, s->c {} B, {} ms; downstream {}; upstream {}",
                    s.proxy(), s.id(), s.client(), s.upstream(), s.reason().key(), s.closedFirst(),
                    s.bytesClientToService(), s.bytesServiceToClient(), TimeUnit.NANOSECONDS.toMillis(s.durationNanos()),
                    s.downstreamOptions(), s.upstreamOptions());
        }
    }
}
