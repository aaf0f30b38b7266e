package dev.synack.admin.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.config.ConfigLoader;
import dev.synack.config.SynackConfig;
import org.junit.jupiter.api.Test;

/** The effective config's JSON loads again as the same config, every key set; the token never shows. */
class AdminConfigJsonTest {
    private static final String EVERY_KEY = String.join("\n",
            "admin: {listen: 127.0.0.1:8474, token: 0123456789abcdef-secret}",
            "transport: epoll",
            "shutdown: {drain: 3s}",
            "seed: 42",
            "metrics: {enabled: false, toxiproxy: true}",
            "mirror: {enabled: true, kernel_poll: 250ms, keep_closed: 1m, max_tracked: 50, divergence_grace: 2s, handshake_reads: 250}",
            "proxies:",
            "  - name: web",
            "    listen: 127.0.0.1:18080",
            "    upstreams: [127.0.0.1:8080, 'db.internal:8081']",
            "    connect: {timeout: 1500ms, attempts: 4, backoff: {initial: 50ms, multiplier: 1.5, max: 3s, jitter: 0.1}}",
            "    on_upstream_failure: close",
            "    on_peer_reset: close",
            "    limits: {max_connections: 7, max_connections_per_client: 2, idle_timeout: 90s, max_duration: 2h}",
            "    buffers: {read_size: 64KiB, high_watermark: 1MiB, low_watermark: 512KiB}",
            "    downstream:",
            "      nodelay: false",
            "      keepalive: {enabled: true, idle: 60s, interval: 10s, count: 5}",
            "      linger: 5s",
            "      rcvbuf: 256KiB",
            "      sndbuf: 128KiB",
            "      window_clamp: 64KiB",
            "      max_segment: 1400",
            "      user_timeout: 30s",
            "      quickack: true",
            "      tos: 0x10",
            "      congestion: bbr",
            "      fast_open: 256",
            "      notsent_lowat: 16KiB",
            "      backlog: 1024",
            "      reuse_port: true",
            "      defer_accept: 5s",
            "    upstream_socket: {keepalive: {idle: 2m}, fast_open: true, user_timeout: 1500ms}",
            "    faults:",
            "      - {name: lag, type: latency, stream: upstream, toxicity: 0.25, clients: [10.0.0.0/8], attributes: {latency: 100, jitter: 5}}",
            "      - {type: hold_fin, trigger: {after_bytes: 1000}}",
            "      - {type: slicer, trigger: {after: 2s}, attributes: {average_size: 10}}",
            "      - {type: reset_peer, stream: upstream, trigger: {on_state: {socket: upstream, state: CLOSE_WAIT}}}",
            "");

    @Test
    void everyKeyLoadsAgainAsItself() throws Exception {
        SynackConfig config = ConfigLoader.parse(EVERY_KEY, "every.yaml");
        String json = ConfigJson.of(config).toString();
        assertThat(json).contains("\"token\":\"(redacted)\"").doesNotContain("secret");
        SynackConfig again = ConfigLoader.parse(json.replace("(redacted)", "0123456789abcdef-secret"), "effective.json");
        assertThat(again).isEqualTo(config);
    }
}
