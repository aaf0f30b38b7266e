package dev.synack.config;

/**
 * Metrics: whether synack keeps them (served in Prometheus's text format at the admin API's
 * {@code /metrics}), and whether Toxiproxy's {@code toxiproxy_proxy_*} byte counters are kept too (what
 * Toxiproxy's {@code -proxy-metrics} turns on).
 */
public record MetricsSpec(boolean enabled, boolean toxiproxy) {
    public static final MetricsSpec DEFAULT = new MetricsSpec(true, false);
}
