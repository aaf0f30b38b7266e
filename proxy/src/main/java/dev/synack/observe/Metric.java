package dev.synack.observe;

import java.util.List;

/**
 * Every metric synack exports, declared once: its Micrometer name, kind, labels and meaning. The
 * Prometheus name is derived the way Micrometer's Prometheus registry derives it (dots to underscores,
 * {@code _total} on counters, the base unit on timers); the README's metric table is this table.
 * Labels are bounded: never a connection id or a client address.
 */
public enum Metric {
    CONNECTIONS_ACCEPTED("synack.connections.accepted", Kind.COUNTER, List.of("proxy"),
            "connections accepted (handed to a session)"),
    CONNECTIONS_ACTIVE("synack.connections.active", Kind.GAUGE, List.of("proxy"),
            "sessions open now"),
    CONNECTIONS_CLOSED("synack.connections.closed", Kind.COUNTER, List.of("proxy", "reason"),
            "sessions ended, by close reason"),
    CONNECTIONS_REJECTED("synack.connections.rejected", Kind.COUNTER, List.of("proxy", "reason"),
            "connections reset at accept (limit, shutdown, fault), by reason"),
    UPSTREAM_CONNECT_ATTEMPTS("synack.upstream.connect.attempts", Kind.COUNTER, List.of("proxy", "outcome"),
            "single connects to an upstream, by outcome (ok, refused, timeout, unresolved, reset, fd_limit, error, cancelled)"),
    UPSTREAM_CONNECT("synack.upstream.connect", Kind.TIMER, List.of("proxy"),
            "time from the first connect attempt to the established upstream connection (histogram)"),
    BYTES("synack.bytes", Kind.COUNTER, List.of("proxy", "direction"),
            "bytes written to the other side, counted as they move (client_to_service, service_to_client)"),
    BACKPRESSURE_PAUSES("synack.backpressure.pauses", Kind.COUNTER, List.of("proxy", "side"),
            "times reading on a side paused because the other side could not take more"),
    FAULTS_APPLIED("synack.faults.applied", Kind.COUNTER, List.of("proxy", "type"),
            "faults that started acting: on a connection's direction, or on a connection at accept"),
    TCP_RTT("synack.tcp.rtt", Kind.SUMMARY_SECONDS, List.of("proxy", "side"),
            "smoothed round-trip time of each proxy socket, from tcp_info at its end (histogram)"),
    TCP_RETRANSMITS("synack.tcp.retransmits", Kind.SUMMARY, List.of("proxy", "side"),
            "segments retransmitted over each proxy socket's life (tcpi_total_retrans), at its end (histogram)"),
    SOCKETS("synack.sockets", Kind.GAUGE, List.of("proxy", "side", "state", "source"),
            "proxy sockets the mirror tracks (open and recently closed), by TCP state: source=mirror the model's, source=kernel the kernel's last reading (GONE: forgotten); only with mirror.enabled"),
    DIVERGENCES("synack.divergences", Kind.COUNTER, List.of("proxy", "kind"),
            "disagreements between a socket's mirror and the kernel, by kind (each counted once per socket); only with mirror.enabled"),
    FAULT_LATENCY_HELD("synack.fault.latency.held.bytes", Kind.GAUGE, List.of(),
            "bytes the latency faults of the process hold now, every connection and direction together"),
    FAULT_LATENCY_BUDGET("synack.fault.latency.budget.bytes", Kind.GAUGE, List.of(),
            "the most bytes the latency faults may hold beyond each connection's high water mark (half the direct memory)"),
    TOXIPROXY_RECEIVED("toxiproxy.proxy.received.bytes", Kind.COUNTER, List.of("direction", "proxy", "listener", "upstream"),
            "Toxiproxy's name: bytes read from a link's source (only with -proxy-metrics or metrics.toxiproxy)"),
    TOXIPROXY_SENT("toxiproxy.proxy.sent.bytes", Kind.COUNTER, List.of("direction", "proxy", "listener", "upstream"),
            "Toxiproxy's name: bytes written to a link's destination (only with -proxy-metrics or metrics.toxiproxy)");

    /** How a metric is kept, which decides its Prometheus suffixes. */
    public enum Kind {
        COUNTER, GAUGE, TIMER, SUMMARY, SUMMARY_SECONDS
    }

    private final String name;
    private final Kind kind;
    private final List<String> labels;
    private final String description;

    Metric(String name, Kind kind, List<String> labels, String description) {
        this.name = name;
        this.kind = kind;
        this.labels = labels;
        this.description = description;
    }

    /** Whether the metric exists only while the mirror engine runs ({@code mirror.enabled}). */
    public boolean needsMirror() {
        return this == SOCKETS || this == DIVERGENCES;
    }

    /** The Micrometer name, dotted. */
    public String meterName() {
        return name;
    }

    public Kind kind() {
        return kind;
    }

    public List<String> labels() {
        return labels;
    }

    public String description() {
        return description;
    }

    /** The name of the series in Prometheus's text format (histograms add {@code _bucket}, {@code _count}, {@code _sum}). */
    public String prometheusName() {
        String base = name.replace('.', '_');
        return switch (kind) {
            case COUNTER -> base + "_total";
            case TIMER, SUMMARY_SECONDS -> base + "_seconds";
            default -> base;
        };
    }
}
