package dev.synack.observe;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the {@link Metric}s of every proxy in a Micrometer registry, from the connection events. On the
 * event loop it only looks up its proxy's meters (one map read) and increments them: no lock, no
 * allocation per byte. Toxiproxy's byte counters are kept too when asked for, and unlike Toxiproxy's they
 * move as the bytes move, not when a connection closes. The tcp histograms are fed from each socket's
 * tcp_info at its end, which this observer asks sessions to read ({@link #tcpInfoEvery()}: a sample of the connections).
 */
public final class MetricsObserver implements ConnectionObserver {
    private final MeterRegistry registry;
    private final boolean toxiproxyNames;
    private final int tcpInfoEvery;
    private final MirrorCounts mirror;
    private final ConcurrentHashMap<String, ProxyMeters> proxies = new ConcurrentHashMap<>();

    /**
     * {@code tcpInfoEvery}: the rtt and retransmits histograms sample one connection in that many (0: off);
     * with {@code mirror} (null when the mirror is off) each proxy also gets the mirror's socket gauges and
     * divergence counters.
     */
    public MetricsObserver(MeterRegistry registry, boolean toxiproxyNames, int tcpInfoEvery, MirrorCounts mirror) {
        this.registry = registry;
        this.toxiproxyNames = toxiproxyNames;
        this.tcpInfoEvery = tcpInfoEvery;
        this.mirror = mirror;
    }

    /**
     * The rtt and retransmits histograms come from each socket's tcp_info at its end, one getsockopt per
     * socket: a sample of the connections is enough for a distribution and costs a fraction of that.
     */
    @Override
    public int tcpInfoEvery() {
        return tcpInfoEvery;
    }

    private ProxyMeters meters(String proxy) {
        ProxyMeters m = proxies.get(proxy);
        return m != null ? m : proxies.computeIfAbsent(proxy, p -> {
            if (mirror != null) {
                MirrorMeters.bind(registry, p, mirror);
            }
            return new ProxyMeters(registry, p);
        });
    }

    @Override
    public void listening(String proxy, InetSocketAddress address, List<OptionReading> options) {
        meters(proxy).listener(address.getAddress().getHostAddress() + ":" + address.getPort());
    }

    @Override
    public void accepted(ConnectionInfo c, long nanos) {
        ProxyMeters m = meters(c.proxy());
        m.accepted.increment();
        m.active.incrementAndGet();
    }

    @Override
    public void rejected(String proxy, InetSocketAddress client, CloseReason reason, long nanos) {
        meters(proxy).rejected.get(reason).increment();
    }

    @Override
    public void connected(ConnectionInfo c, InetSocketAddress target, long connectNanos, long nanos) {
        ProxyMeters m = meters(c.proxy());
        m.attempts.get(ConnectOutcome.OK).increment();
        m.connect.record(connectNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    @Override
    public void connectFailed(ConnectionInfo c, InetSocketAddress target, int attempt, ConnectOutcome outcome,
                              Throwable cause, long nanos) {
        meters(c.proxy()).attempts.get(outcome).increment();
    }

    @Override
    public void bytesRead(ConnectionInfo c, Side side, int n) {
        if (toxiproxyNames) {
            meters(c.proxy()).toxiproxy(Metric.TOXIPROXY_RECEIVED, Direction.readOn(side), upstream(c)).increment(n);
        }
    }

    @Override
    public void bytesWritten(ConnectionInfo c, Side side, int n) {
        ProxyMeters m = meters(c.proxy());
        Direction d = Direction.writtenOn(side);
        m.bytes[d.ordinal()].increment(n);
        if (toxiproxyNames) {
            m.toxiproxy(Metric.TOXIPROXY_SENT, d, upstream(c)).increment(n);
        }
    }

    @Override
    public void backpressure(ConnectionInfo c, Side side, boolean paused, long nanos) {
        if (paused) {
            meters(c.proxy()).pauses[side.ordinal()].increment();
        }
    }

    @Override
    public void faultApplied(String proxy, ConnectionInfo c, String fault, String type, Direction direction, long nanos) {
        meters(proxy).faultsApplied(type).increment();
    }

    @Override
    public void closed(ConnectionSummary s) {
        ProxyMeters m = meters(s.proxy());
        m.closed.get(s.reason()).increment();
        m.active.decrementAndGet();
        for (Side side : Side.values()) {
            TcpInfo t = s.tcpInfo(side);
            if (t != null) {
                // tcpi_rtt is 0 only before the first RTT sample: no sample is not a zero RTT.
                if (t.rtt() > 0) {
                    m.rtt[side.ordinal()].record(t.rtt() / 1e6);
                }
                m.retransmits[side.ordinal()].record(t.totalRetrans());
            }
        }
    }

    private static String upstream(ConnectionInfo c) {
        InetSocketAddress u = c.upstream();
        return u == null ? "" : u.getHostString() + ":" + u.getPort();
    }
}
