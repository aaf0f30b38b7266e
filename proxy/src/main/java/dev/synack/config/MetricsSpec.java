package dev.synack.config;

/**
 * Metrics: whether synack keeps them (served in Prometheus's text format at the admin API's
 * {@code /metrics}), whether Toxiproxy's {@code toxiproxy_proxy_*} byte counters are kept too (what
 * Toxiproxy's {@code -proxy-metrics} turns on), and of how many connections the tcp_info histograms take
 * a sample (one getsockopt per socket of a sampled connection; 0: never).
 */
public record MetricsSpec(boolean enabled, boolean toxiproxy, int tcpInfoEvery) {
    public static final int TCP_INFO_EVERY = 16;
    public static final MetricsSpec DEFAULT = new MetricsSpec(true, false, TCP_INFO_EVERY);

    public MetricsSpec(boolean enabled, boolean toxiproxy) {
        this(enabled, toxiproxy, TCP_INFO_EVERY);
    }
}
