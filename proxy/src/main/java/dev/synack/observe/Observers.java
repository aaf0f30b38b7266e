package dev.synack.observe;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans events out to several observers. An observer that throws is logged (once per observer and
 * event kind, to keep a buggy observer from flooding the log) and the others still run.
 */
public final class Observers implements ConnectionObserver {
    private static final Logger log = LoggerFactory.getLogger(Observers.class);

    private final List<ConnectionObserver> observers;
    private final boolean wantsOptions;
    private final java.util.Set<String> reported = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public Observers(List<ConnectionObserver> observers) {
        this.observers = List.copyOf(observers);
        this.wantsOptions = this.observers.stream().anyMatch(ConnectionObserver::wantsSocketOptions);
    }

    public static Observers of(ConnectionObserver... observers) {
        return new Observers(List.of(observers));
    }

    /** True when any observer wants per-connection socket options; asked once, at start. */
    @Override
    public boolean wantsSocketOptions() {
        return wantsOptions;
    }

    private void each(String event, Consumer<ConnectionObserver> call) {
        for (ConnectionObserver o : observers) {
            try {
                call.accept(o);
            } catch (RuntimeException | LinkageError e) {
                if (reported.add(o.getClass().getName() + "#" + event)) {
                    log.warn("observer {} failed on {} (further failures of this kind are not logged)",
                            o.getClass().getName(), event, e);
                }
            }
        }
    }

    @Override public void listening(String proxy, InetSocketAddress a, List<OptionReading> o) { each("listening", x -> x.listening(proxy, a, o)); }
    @Override public void accepted(ConnectionInfo c) { each("accepted", o -> o.accepted(c)); }
    @Override public void rejected(String p, InetSocketAddress client, CloseReason r) { each("rejected", o -> o.rejected(p, client, r)); }
    @Override public void connectStarted(ConnectionInfo c, InetSocketAddress t, int a) { each("connectStarted", o -> o.connectStarted(c, t, a)); }
    @Override public void connected(ConnectionInfo c, InetSocketAddress t, long n) { each("connected", o -> o.connected(c, t, n)); }
    @Override public void connectFailed(ConnectionInfo c, InetSocketAddress t, int a, Throwable e) { each("connectFailed", o -> o.connectFailed(c, t, a, e)); }
    @Override
    public void bytesRead(ConnectionInfo c, Side s, int n) {
        // The hot path: called once per read, so no lambda, no allocation.
        for (ConnectionObserver o : observers) {
            try {
                o.bytesRead(c, s, n);
            } catch (RuntimeException | LinkageError e) {
                if (reported.add(o.getClass().getName() + "#bytesRead")) {
                    log.warn("observer {} failed on bytesRead (further failures of this kind are not logged)",
                            o.getClass().getName(), e);
                }
            }
        }
    }
    @Override public void backpressure(ConnectionInfo c, Side s, boolean p) { each("backpressure", o -> o.backpressure(c, s, p)); }
    @Override public void finRead(ConnectionInfo c, Side s) { each("finRead", o -> o.finRead(c, s)); }
    @Override public void finSent(ConnectionInfo c, Side s) { each("finSent", o -> o.finSent(c, s)); }
    @Override public void resetRead(ConnectionInfo c, Side s) { each("resetRead", o -> o.resetRead(c, s)); }
    @Override public void resetSent(ConnectionInfo c, Side s) { each("resetSent", o -> o.resetSent(c, s)); }
    @Override public void socketError(ConnectionInfo c, Side s, Throwable e) { each("socketError", o -> o.socketError(c, s, e)); }
    @Override public void closed(ConnectionSummary s) { each("closed", o -> o.closed(s)); }
}
