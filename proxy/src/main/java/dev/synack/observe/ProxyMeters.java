package dev.synack.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One proxy's meters, made once when the proxy is first seen so that the event loop only increments:
 * every label value of every bounded label is created up front (a reason that never happened shows 0,
 * which is what rate() wants).
 */
final class ProxyMeters {
    final Counter accepted;
    final AtomicLong active = new AtomicLong();
    final Map<CloseReason, Counter> closed = new EnumMap<>(CloseReason.class);
    final Map<CloseReason, Counter> rejected = new EnumMap<>(CloseReason.class);
    final Map<ConnectOutcome, Counter> attempts = new EnumMap<>(ConnectOutcome.class);
    final Timer connect;
    final Counter[] bytes = new Counter[2];
    final Counter[] pauses = new Counter[2];
    final DistributionSummary[] rtt = new DistributionSummary[2];
    final DistributionSummary[] retransmits = new DistributionSummary[2];
    private final MeterRegistry registry;
    private final String proxy;
    private volatile String listener = "";
    private final Map<String, Counter> toxiproxy = new ConcurrentHashMap<>();
    private final Map<String, Counter> faults = new ConcurrentHashMap<>();

    ProxyMeters(MeterRegistry registry, String proxy) {
        this.registry = registry;
        this.proxy = proxy;
        accepted = counter(Metric.CONNECTIONS_ACCEPTED);
        Gauge.builder(Metric.CONNECTIONS_ACTIVE.meterName(), active, AtomicLong::get)
                .description(Metric.CONNECTIONS_ACTIVE.description()).tag("proxy", proxy).register(registry);
        for (CloseReason r : CloseReason.values()) {
            closed.put(r, counter(Metric.CONNECTIONS_CLOSED, "reason", r.key()));
        }
        for (CloseReason r : new CloseReason[] {CloseReason.LIMIT, CloseReason.SHUTDOWN, CloseReason.FAULT}) {
            rejected.put(r, counter(Metric.CONNECTIONS_REJECTED, "reason", r.key()));
        }
        for (ConnectOutcome o : ConnectOutcome.values()) {
            attempts.put(o, counter(Metric.UPSTREAM_CONNECT_ATTEMPTS, "outcome", o.key()));
        }
        connect = Timer.builder(Metric.UPSTREAM_CONNECT.meterName()).description(Metric.UPSTREAM_CONNECT.description())
                .tag("proxy", proxy).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(30)).register(registry);
        for (Direction d : Direction.values()) {
            bytes[d.ordinal()] = counter(Metric.BYTES, "direction", d.key());
        }
        for (Side s : Side.values()) {
            pauses[s.ordinal()] = counter(Metric.BACKPRESSURE_PAUSES, "side", s.key());
            rtt[s.ordinal()] = DistributionSummary.builder(Metric.TCP_RTT.meterName()).baseUnit("seconds")
                    .description(Metric.TCP_RTT.description()).tags("proxy", proxy, "side", s.key())
                    .publishPercentileHistogram().minimumExpectedValue(1e-5).maximumExpectedValue(10.0).register(registry);
            retransmits[s.ordinal()] = DistributionSummary.builder(Metric.TCP_RETRANSMITS.meterName())
                    .description(Metric.TCP_RETRANSMITS.description()).tags("proxy", proxy, "side", s.key())
                    .publishPercentileHistogram().minimumExpectedValue(1.0).maximumExpectedValue(10_000.0).register(registry);
        }
    }

    /** The counter of faults of {@code type} applied, made on first use (types are the registry's few). */
    Counter faultsApplied(String type) {
        Counter c = faults.get(type);
        return c != null ? c : faults.computeIfAbsent(type, t -> counter(Metric.FAULTS_APPLIED, "type", t));
    }

    void listener(String address) {
        listener = address;
    }

    /** Toxiproxy's byte counter for one direction and upstream, made on first use (the upstreams are the proxy's few). */
    Counter toxiproxy(Metric metric, Direction direction, String upstream) {
        String key = metric.ordinal() + "|" + direction.ordinal() + "|" + upstream;
        Counter c = toxiproxy.get(key);
        if (c == null) {
            c = toxiproxy.computeIfAbsent(key, k -> Counter.builder(metric.meterName()).description(metric.description())
                    .tags("direction", direction.toxiproxyName(), "proxy", proxy, "listener", listener, "upstream", upstream)
                    .register(registry));
        }
        return c;
    }

    private Counter counter(Metric m, String... tags) {
        return Counter.builder(m.meterName()).description(m.description()).tag("proxy", proxy).tags(tags).register(registry);
    }
}
