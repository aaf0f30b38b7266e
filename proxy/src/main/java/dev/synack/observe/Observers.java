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
    /** The same, for the per-read and per-write events: an indexed loop over an array needs no iterator. */
    private final ConnectionObserver[] array;
    private final boolean wantsOptions;
    private final int tcpInfoEvery;
    private final java.util.Set<String> reported = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public Observers(List<ConnectionObserver> observers) {
        this.observers = List.copyOf(observers);
        this.array = this.observers.toArray(new ConnectionObserver[0]);
        this.wantsOptions = this.observers.stream().anyMatch(ConnectionObserver::wantsSocketOptions);
        // the most often any observer asks for: every reading it wants is then taken (or, for two rates
        // that do not divide, an equally uniform sample)
        this.tcpInfoEvery = this.observers.stream().mapToInt(ConnectionObserver::tcpInfoEvery).filter(n -> n > 0).min().orElse(0);
    }

    public static Observers of(ConnectionObserver... observers) {
        return new Observers(List.of(observers));
    }

    /** True when any observer wants per-connection socket options; asked once, at start. */
    @Override
    public boolean wantsSocketOptions() {
        return wantsOptions;
    }

    /** True when any observer wants each socket's tcp_info at its end; asked once, at start. */
    @Override
    public int tcpInfoEvery() {
        return tcpInfoEvery;
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
    @Override public void stoppedListening(String proxy, InetSocketAddress a) { each("stoppedListening", x -> x.stoppedListening(proxy, a)); }
    @Override public void accepted(ConnectionInfo c, long t) { each("accepted", o -> o.accepted(c, t)); }
    @Override public void rejected(String p, InetSocketAddress client, CloseReason r, long t) { each("rejected", o -> o.rejected(p, client, r, t)); }
    @Override public void connectStarted(ConnectionInfo c, InetSocketAddress a, int n, long t) { each("connectStarted", o -> o.connectStarted(c, a, n, t)); }
    @Override public void connected(ConnectionInfo c, InetSocketAddress a, long n, long t) { each("connected", o -> o.connected(c, a, n, t)); }
    @Override
    public void connectFailed(ConnectionInfo c, InetSocketAddress a, int n, ConnectOutcome k, Throwable e, long t) {
        each("connectFailed", o -> o.connectFailed(c, a, n, k, e, t));
    }
    @Override
    public void bytesRead(ConnectionInfo c, Side s, int n) {
        // The hot path: called once per read, so no lambda and no iterator (the JIT does not always remove it).
        for (ConnectionObserver o : array) {
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
    @Override
    public void bytesWritten(ConnectionInfo c, Side s, int n) {
        // The hot path: called once per write, so no lambda and no iterator (the JIT does not always remove it).
        for (ConnectionObserver o : array) {
            try {
                o.bytesWritten(c, s, n);
            } catch (RuntimeException | LinkageError e) {
                if (reported.add(o.getClass().getName() + "#bytesWritten")) {
                    log.warn("observer {} failed on bytesWritten (further failures of this kind are not logged)",
                            o.getClass().getName(), e);
                }
            }
        }
    }
    @Override public void backpressure(ConnectionInfo c, Side s, boolean p, long t) { each("backpressure", o -> o.backpressure(c, s, p, t)); }
    @Override public void finRead(ConnectionInfo c, Side s, long t) { each("finRead", o -> o.finRead(c, s, t)); }
    @Override public void finSent(ConnectionInfo c, Side s, long t) { each("finSent", o -> o.finSent(c, s, t)); }
    @Override public void resetRead(ConnectionInfo c, Side s, long t) { each("resetRead", o -> o.resetRead(c, s, t)); }
    @Override public void resetSent(ConnectionInfo c, Side s, long t) { each("resetSent", o -> o.resetSent(c, s, t)); }
    @Override public void socketError(ConnectionInfo c, Side s, Throwable e, long t) { each("socketError", o -> o.socketError(c, s, e, t)); }
    @Override
    public void faultApplied(String p, ConnectionInfo c, String f, String type, Direction d, long t) {
        each("faultApplied", o -> o.faultApplied(p, c, f, type, d, t));
    }
    @Override public void socketClosed(ConnectionInfo c, Side s, long t) { each("socketClosed", o -> o.socketClosed(c, s, t)); }
    @Override public void closed(ConnectionSummary s) { each("closed", o -> o.closed(s)); }
}
