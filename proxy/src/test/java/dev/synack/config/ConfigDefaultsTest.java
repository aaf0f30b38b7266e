package dev.synack.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a config means when it leaves things out, and that JSON reads like YAML. */
class ConfigDefaultsTest {

    private static ProxySpec onlyProxy(String text, String source) throws ConfigException {
        List<ProxySpec> proxies = ConfigLoader.parse(text, source).proxies();
        assertThat(proxies).hasSize(1);
        return proxies.get(0);
    }

    @Test
    void minimalConfigTakesEveryDefault() throws ConfigException {
        SynackConfig c = ConfigLoader.parse(ConfigErrorMessagesTest.proxy(""), "min.yaml");
        assertThat(c.admin()).isEqualTo(AdminSpec.DEFAULT);
        assertThat(c.transport()).isEqualTo(TransportKind.AUTO);
        assertThat(c.shutdown()).isEqualTo(ShutdownSpec.DEFAULT);
        assertThat(c.seed()).as("no seed: each run draws its own").isNull();
        assertThat(c.proxies()).containsExactly(new ProxySpec("web", new HostPort("127.0.0.1", 18080),
                List.of(new HostPort("127.0.0.1", 8080)), ConnectSpec.DEFAULT, CloseAction.RESET, CloseAction.RESET,
                LimitsSpec.DEFAULT, BufferSpec.DEFAULT, SocketSpec.DEFAULT, SocketSpec.DEFAULT, List.of()));
    }

    @Test
    void omittedFieldsInsideABlockTakeThatBlocksDefault() throws ConfigException {
        ProxySpec p = onlyProxy(ConfigErrorMessagesTest.proxy("""
                connect: {attempts: 5, backoff: {jitter: 0}}
                limits: {idle_timeout: 1h}
                buffers: {read_size: 64KiB}
                downstream: {rcvbuf: 1MiB, nodelay: false}
                upstream_socket: {tos: 8}
                """), "blocks.yaml");
        assertThat(p.connect()).isEqualTo(new ConnectSpec(Duration.ofSeconds(2), 5,
                new BackoffSpec(Duration.ofMillis(100), 2.0, Duration.ofSeconds(2), 0.0)));
        assertThat(p.limits()).isEqualTo(new LimitsSpec(10_000, 0, Duration.ofHours(1), Duration.ZERO));
        assertThat(p.buffers()).isEqualTo(new BufferSpec(64 * 1024, 256 * 1024, 128 * 1024));
        assertThat(p.downstream().nodelay()).isFalse();
        assertThat(p.downstream().rcvbuf()).isEqualTo(1 << 20);
        assertThat(p.downstream().sndbuf()).isNull();
        assertThat(p.upstreamSocket().nodelay()).isTrue();
        assertThat(p.upstreamSocket().tos()).isEqualTo(8);
    }

    @Test
    void keepaliveForms() throws ConfigException {
        ProxySpec p = onlyProxy(ConfigErrorMessagesTest.proxy("""
                downstream: {keepalive: {idle: 60s, count: 5}}
                upstream_socket: {keepalive: false}
                """), "ka.yaml");
        assertThat(p.downstream().keepalive()).isEqualTo(new KeepaliveSpec(true, Duration.ofSeconds(60), null, 5));
        assertThat(p.upstreamSocket().keepalive()).isEqualTo(new KeepaliveSpec(false, null, null, null));
        ProxySpec off = onlyProxy(ConfigErrorMessagesTest.proxy("downstream: {keepalive: {enabled: false, idle: 60s}}"), "ka.yaml");
        assertThat(off.downstream().keepalive()).isEqualTo(new KeepaliveSpec(false, Duration.ofSeconds(60), null, null));
    }

    @Test
    void fastOpenSpellings() throws ConfigException {
        ProxySpec on = onlyProxy(ConfigErrorMessagesTest.proxy("""
                downstream: {fast_open: true}
                upstream_socket: {fast_open: true}
                """), "tfo.yaml");
        assertThat(on.downstream().fastOpen()).isEqualTo(256);
        assertThat(on.upstreamSocket().fastOpen()).isEqualTo(1);
        ProxySpec off = onlyProxy(ConfigErrorMessagesTest.proxy("""
                downstream: {fast_open: false}
                upstream_socket: {fast_open: false}
                """), "tfo.yaml");
        assertThat(off.downstream().fastOpen()).isZero();
        assertThat(off.upstreamSocket().fastOpen()).isZero();
    }

    @Test
    void valueSpellings() throws ConfigException {
        ProxySpec p = onlyProxy("""
                proxies:
                  - name: v6.proxy-1
                    listen: "[::1]:0"
                    upstreams: [db.local:5432, "[fe80::1%lo]:5433", 10.0.0.1:80]
                    on_upstream_failure: close
                    limits: {max_duration: 0}
                    downstream: {tos: "0x2e", sndbuf: 1MB, window_clamp: 65536, user_timeout: 1500ms, defer_accept: 5s}
                """, "spell.yaml");
        assertThat(p.listen()).isEqualTo(new HostPort("::1", 0));
        assertThat(p.upstreams()).containsExactly(
                new HostPort("db.local", 5432), new HostPort("fe80::1%lo", 5433), new HostPort("10.0.0.1", 80));
        assertThat(p.onUpstreamFailure()).isEqualTo(CloseAction.CLOSE);
        assertThat(p.limits().maxDuration()).isZero();
        assertThat(p.downstream().tos()).isEqualTo(0x2e);
        assertThat(p.downstream().sndbuf()).isEqualTo(1_000_000);
        assertThat(p.downstream().windowClamp()).isEqualTo(65536);
        assertThat(p.downstream().userTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(p.downstream().deferAccept()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void jsonReadsLikeYaml() throws ConfigException {
        String json = """
                {"transport": "io_uring", "shutdown": {"drain": "3s"},
                 "proxies": [{"name": "web", "listen": "127.0.0.1:18080", "upstream": "127.0.0.1:8080",
                              "downstream": {"backlog": 512, "keepalive": true}}]}
                """;
        SynackConfig fromJson = ConfigLoader.parse(json, "synack.json");
        assertThat(fromJson.transport()).isEqualTo(TransportKind.IO_URING);
        assertThat(fromJson.shutdown().drain()).isEqualTo(Duration.ofSeconds(3));
        assertThat(fromJson.proxies().get(0).downstream().backlog()).isEqualTo(512);
        // JSON is also YAML: the same text read as YAML means the same config.
        assertThat(ConfigLoader.parse(json, "synack.yaml")).isEqualTo(fromJson);
    }

    @Test
    void jsonErrorsHaveTheSamePaths() {
        String json = "{\"proxies\": [{\"name\": \"web\", \"listen\": \"127.0.0.1:18080\", \"upstream\": \"127.0.0.1:8080\","
                + " \"downstream\": {\"keepalive\": {\"idle\": \"5x\"}}}]}";
        assertThat(ConfigErrorMessagesTest.errors(json, "synack.json"))
                .containsExactly("proxies[0].downstream.keepalive.idle: \"5x\" (expected: whole seconds from 1s to 32767s)");
    }

    @Test
    void aSeedIsAnyLong() throws ConfigException {
        assertThat(ConfigLoader.parse("seed: -9223372036854775808\n" + ConfigErrorMessagesTest.proxy(""), "s.yaml").seed())
                .isEqualTo(Long.MIN_VALUE);
        assertThat(ConfigLoader.parse("seed: 42\n" + ConfigErrorMessagesTest.proxy(""), "s.yaml").seed()).isEqualTo(42L);
    }
}
