package dev.synack.cli;

import dev.synack.config.AdminSpec;
import dev.synack.config.HostPort;
import java.nio.file.Path;

/**
 * The command line of {@code toxiproxy-server}, read by {@link ToxiproxyFlagParser}, so that synack starts
 * where Toxiproxy was started ({@code -host=0.0.0.0 -config=/tmp/proxies.json}).
 *
 * @param host           {@code -host}, the admin API's address (default {@code localhost})
 * @param port           {@code -port} (default 8474)
 * @param config         {@code -config FILE}, a JSON array of proxies created before the API listens; null for none
 * @param seed           {@code -seed}, for the faults' random draws; null for a seed of synack's choosing
 * @param proxyMetrics   {@code -proxy-metrics}: serve {@code /metrics}
 * @param runtimeMetrics {@code -runtime-metrics}: serve {@code /metrics}
 * @param insecure       {@code -insecure} (synack's): allow a non-loopback {@code -host} without a token
 * @param version        {@code -version}: print the version and exit
 */
public record ToxiproxyFlags(String host, int port, Path config, Long seed, boolean proxyMetrics, boolean runtimeMetrics,
        boolean insecure, boolean version) {
    public static final String DEFAULT_HOST = "localhost";
    public static final int DEFAULT_PORT = 8474;

    /** Whether {@code /metrics} is served (either metrics flag turns it on, as in Toxiproxy). */
    public boolean metrics() {
        return proxyMetrics || runtimeMetrics;
    }

    /** The admin block these flags stand for: listen on {@code host:port}, no token, insecure as given. */
    public AdminSpec admin() {
        return new AdminSpec(new HostPort(host, port), null, insecure);
    }
}
