package dev.synack.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One test per kind of config error, each asserting the exact line the user sees. */
class ConfigErrorMessagesTest {
    private static final String SIZE_EXAMPLES = ", like 65536, 64KiB, 4MiB (KB, MB, GB count in 1000s)";

    /** A valid one-proxy config with {@code extra} (indented as proxy keys) appended to the proxy. */
    static String proxy(String extra) {
        return """
                proxies:
                  - name: web
                    listen: 127.0.0.1:18080
                    upstream: 127.0.0.1:8080
                """ + extra.indent(4);
    }

    /** The error lines of a config that must fail. */
    static List<String> errors(String text, String source) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parse(text, source));
        assertThat(e).as("config should be rejected:\n%s", text).isNotNull();
        return e.errors().stream().map(ConfigError::toString).toList();
    }

    /** The error lines of a file that must fail to load. */
    static List<String> errorsOfLoad(java.nio.file.Path file) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(file));
        assertThat(e).as("%s should be rejected", file).isNotNull();
        return e.errors().stream().map(ConfigError::toString).toList();
    }

    static List<String> errors(String yaml) {
        return errors(yaml, "test.yaml");
    }

    /** A duration error, misspelt or out of range, states the range and how durations are written. */
    @Test
    void badDuration() {
        assertThat(errors(proxy("limits: {idle_timeout: 5x}")))
                .containsExactly("proxies[0].limits.idle_timeout: \"5x\" (expected: a duration from 0s to 8760h, like 250ms, 2s, 10m)");
    }

    @Test
    void bareNumberIsNoDuration() {
        assertThat(errors(proxy("limits: {idle_timeout: 600}")))
                .containsExactly("proxies[0].limits.idle_timeout: 600 (expected: a duration from 0s to 8760h, like 250ms, 2s, 10m)");
    }

    @Test
    void durationOutOfRange() {
        assertThat(errors(proxy("connect: {timeout: 2h, backoff: {initial: 61m, max: 2h}}"))).containsExactly(
                "proxies[0].connect.timeout: \"2h\" (expected: a duration from 1ms to 1h, like 250ms, 2s, 10m)",
                "proxies[0].connect.backoff.initial: \"61m\" (expected: a duration from 0s to 1h, like 250ms, 2s, 10m)",
                "proxies[0].connect.backoff.max: \"2h\" (expected: a duration from 0s to 1h, like 250ms, 2s, 10m)");
    }

    /** Too large to count in milliseconds: this used to say only "a duration like ...". */
    @Test
    void durationTooLargeToCount() {
        assertThat(errors("shutdown: {drain: 99999999999999h}\n" + proxy("limits: {max_duration: 9999999h}"))).containsExactly(
                "shutdown.drain: \"99999999999999h\" (expected: a duration from 0s to 24h, like 250ms, 2s, 10m)",
                "proxies[0].limits.max_duration: \"9999999h\" (expected: a duration from 0s to 8760h, like 250ms, 2s, 10m)");
    }

    @Test
    void badSize() {
        assertThat(errors(proxy("downstream: {rcvbuf: 256kb}")))
                .containsExactly("proxies[0].downstream.rcvbuf: \"256kb\" "
                        + "(expected: a size from 1KiB to 1GiB, like 65536, 64KiB, 4MiB (KB, MB, GB count in 1000s))");
    }

    /** A unit synack does not know: this used to say only "a size like ...". */
    @Test
    void sizeWithAnUnknownUnit() {
        assertThat(errors(proxy("buffers: {read_size: 1TiB}"))).containsExactly("proxies[0].buffers.read_size: \"1TiB\" "
                + "(expected: a size from 1KiB to 16MiB, like 65536, 64KiB, 4MiB (KB, MB, GB count in 1000s))");
    }

    @Test
    void sizeOutOfRange() {
        assertThat(errors(proxy("downstream: {sndbuf: 2GiB}"))).containsExactly("proxies[0].downstream.sndbuf: \"2GiB\" "
                + "(expected: a size from 1KiB to 1GiB, like 65536, 64KiB, 4MiB (KB, MB, GB count in 1000s))");
    }

    @Test
    void wholeSecondsMisspelt() {
        assertThat(errors(proxy("downstream: {keepalive: {idle: 5x}}")))
                .containsExactly("proxies[0].downstream.keepalive.idle: \"5x\" (expected: whole seconds from 1s to 32767s)");
    }

    @Test
    void integerOutOfRange() {
        assertThat(errors(proxy("downstream: {max_segment: 40}")))
                .containsExactly("proxies[0].downstream.max_segment: 40 (expected: an integer from 88 to 65535)");
    }

    @Test
    void wholeSecondsOutOfRange() {
        assertThat(errors(proxy("downstream: {linger: 1500ms}")))
                .containsExactly("proxies[0].downstream.linger: \"1500ms\" (expected: whole seconds from 0s to 65535s)");
    }

    @Test
    void portOutOfRange() {
        assertThat(errors(proxy("").replace("127.0.0.1:8080", "127.0.0.1:0")))
                .containsExactly("proxies[0].upstream: \"127.0.0.1:0\" (expected: host:port with a port from 1 to 65535)");
    }

    @Test
    void listenPortOutOfRange() {
        assertThat(errors(proxy("").replace("127.0.0.1:18080", "127.0.0.1:70000"))).containsExactly(
                "proxies[0].listen: \"127.0.0.1:70000\" (expected: host:port with a port from 0 to 65535 (0 = any free port))");
    }

    @Test
    void unbracketedIpv6IsNoHostPort() {
        assertThat(errors(proxy("").replace("127.0.0.1:8080", "\"::1:8080\"")))
                .containsExactly("proxies[0].upstream: \"::1:8080\" (expected: host:port, like 127.0.0.1:8080)");
    }

    /** The IPv6 pattern backtracks quadratically over a run of colons: 100,000 took 70 s. 5 s is a hang guard, not a benchmark. */
    @Test
    void aHostPortTooLongToBeOneIsRejectedAtOnce() {
        String json = "{\"proxies\": [{\"name\": \"web\", \"listen\": \"127.0.0.1:0\", \"upstream\": \"[" + ":".repeat(100_000) + "x]:80\"}]}";
        List<String> errors = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> errors(json, "synack.json"));
        assertThat(errors).containsExactly("proxies[0].upstream: \"[" + ":".repeat(55) + "... (expected: host:port, like 127.0.0.1:8080)");
    }

    @Test
    void wrongTypeOfKeepalive() {
        assertThat(errors(proxy("downstream: {keepalive: 60s}"))).containsExactly(
                "proxies[0].downstream.keepalive: \"60s\" (expected: true, false or a mapping of enabled, idle, interval, count)");
    }

    /** found is cut to 60 characters, ending in "...". */
    @Test
    void longValuesAreShortenedInFound() {
        assertThat(errors(proxy("name: [" + "x, ".repeat(40) + "x]").replace("  - name: web\n", "  -\n")))
                .containsExactly("proxies[0].name: [" + "\"x\",".repeat(14) + "... "
                        + "(expected: a name of 1 to 64 letters, digits, '_', '.' or '-')");
    }

    @Test
    void wrongTypeOfProxies() {
        assertThat(errors("proxies: x")).containsExactly("proxies: \"x\" (expected: a list of proxies)");
    }

    @Test
    void wrongTypeOfBlock() {
        assertThat(errors(proxy("connect: 5")))
                .containsExactly("proxies[0].connect: 5 (expected: a mapping of timeout, attempts, backoff)");
    }

    @Test
    void wrongTypeOfBoolean() {
        assertThat(errors(proxy("downstream: {nodelay: \"true\"}")))
                .containsExactly("proxies[0].downstream.nodelay: \"true\" (expected: true or false)");
    }

    @Test
    void unknownKeyWithSuggestion() {
        assertThat(errors(proxy("downstream: {keepalve: true}")))
                .containsExactly("proxies[0].downstream.keepalve: unknown key (expected: keepalive)");
    }

    @Test
    void unknownKeyByPrefix() {
        assertThat(errors(proxy("downstream: {notsent: 16KiB}")))
                .containsExactly("proxies[0].downstream.notsent: unknown key (expected: notsent_lowat)");
    }

    @Test
    void unknownKeyWithoutSuggestion() {
        assertThat(errors(proxy("downstream: {colour: blue}")))
                .containsExactly("proxies[0].downstream.colour: unknown key (expected: one of nodelay, keepalive, linger, "
                        + "rcvbuf, sndbuf, window_clamp, max_segment, user_timeout, quickack, tos, congestion, fast_open, "
                        + "notsent_lowat, backlog, reuse_port, defer_accept)");
    }

    /** An empty key, or one with dots or control characters, is shown as a JSON string; a long one is cut. */
    @Test
    void oddKeysAreQuotedInPaths() {
        assertThat(errors("\"\": 1\n" + proxy(""))).containsExactly("\"\": unknown key (expected: one of admin, transport, shutdown, seed, metrics, mirror, access_log, proxies)");
        String proxyKeys = "one of name, listen, upstream, upstreams, connect, on_upstream_failure, on_peer_reset, limits, buffers, "
                + "downstream, upstream_socket, faults";
        assertThat(errors(proxy("\"a.b\\nc\": 1"))).containsExactly("proxies[0].\"a.b\\nc\": unknown key (expected: " + proxyKeys + ")");
        assertThat(errors(proxy("k".repeat(1000) + ": 1")))
                .containsExactly("proxies[0].\"" + "k".repeat(61) + "...\": unknown key (expected: " + proxyKeys + ")");
    }

    @Test
    void missingRequired() {
        assertThat(errors("proxies:\n  - {name: web, upstream: 127.0.0.1:8080}\n"))
                .containsExactly("proxies[0].listen: missing (expected: host:port, like 127.0.0.1:8080)");
    }

    @Test
    void missingProxies() {
        assertThat(errors("transport: epoll\n")).containsExactly("proxies: missing (expected: a non-empty list of proxies)");
        assertThat(errors("")).containsExactly("proxies: missing (expected: a non-empty list of proxies)");
    }

    @Test
    void missingUpstream() {
        assertThat(errors("proxies:\n  - {name: web, listen: 127.0.0.1:18080}\n"))
                .containsExactly("proxies[0].upstream: missing (expected: upstream: host:port, or upstreams: a list of them)");
    }

    @Test
    void duplicateName() {
        String yaml = proxy("") + """
                  - name: web
                    listen: 127.0.0.1:18081
                    upstream: 127.0.0.1:8081
                """;
        assertThat(errors(yaml))
                .containsExactly("proxies[1].name: \"web\" (expected: a name no other proxy has; proxies[0] has it)");
    }

    @Test
    void duplicateListenComparesNormalizedAddresses() {
        String yaml = """
                proxies:
                  - {name: a, listen: "[::1]:9000", upstream: 127.0.0.1:8080}
                  - {name: b, listen: "[0:0:0:0:0:0:0:1]:9000", upstream: 127.0.0.1:8080}
                  - {name: c, listen: 127.0.0.1:0, upstream: 127.0.0.1:8080}
                  - {name: d, listen: 127.0.0.1:0, upstream: 127.0.0.1:8080}
                """;
        assertThat(errors(yaml)).containsExactly(
                "proxies[1].listen: \"[0:0:0:0:0:0:0:1]:9000\" (expected: an address no other proxy has; proxies[0] has it)");
    }

    @Test
    void adminAndProxyOnOneAddress() {
        assertThat(errors("admin: {listen: \"127.0.0.1:18080\"}\n" + proxy("")))
                .containsExactly("admin.listen: \"127.0.0.1:18080\" (expected: an address no proxy listens on; proxies[0] does)");
        assertThat(errors(proxy("").replace("18080", "8474"))).containsExactly(
                "proxies[0].listen: \"127.0.0.1:8474\" (expected: an address the admin API does not use; admin.listen defaults to it)");
    }

    @Test
    void upstreamAndUpstreamsBoth() {
        assertThat(errors(proxy("upstreams: [127.0.0.1:8081]")))
                .containsExactly("proxies[0].upstream: \"127.0.0.1:8080\" (expected: either upstream or upstreams, not both)");
    }

    @Test
    void emptyUpstreams() {
        assertThat(errors("proxies:\n  - {name: web, listen: 127.0.0.1:18080, upstreams: []}\n"))
                .containsExactly("proxies[0].upstreams: [] (expected: a non-empty list of host:port)");
    }

    @Test
    void listenerOnlyOptionOnUpstreamSocket() {
        assertThat(errors(proxy("upstream_socket: {backlog: 1024, reuse_port: true}"))).containsExactly(
                "proxies[0].upstream_socket.backlog: 1024 "
                        + "(expected: no backlog here; backlog, reuse_port and defer_accept apply only to downstream)",
                "proxies[0].upstream_socket.reuse_port: true "
                        + "(expected: no reuse_port here; backlog, reuse_port and defer_accept apply only to downstream)");
    }

    @Test
    void upstreamFastOpenIsABoolean() {
        assertThat(errors(proxy("upstream_socket: {fast_open: 256}")))
                .containsExactly("proxies[0].upstream_socket.fast_open: 256 (expected: true or false)");
    }

    @Test
    void syntaxErrorNamesLineAndColumn() {
        String yaml = """
                proxies:
                  - name: web
                   listen: 127.0.0.1:18080
                """;
        assertThat(errors(yaml, "synack.yaml"))
                .containsExactly("synack.yaml:3:4: expected <block end>, but found '<block mapping start>' (expected: valid YAML)");
    }

    @Test
    void duplicateKeyIsASyntaxError() {
        assertThat(errors("proxies: []\nproxies: []\n", "synack.yaml"))
                .containsExactly("synack.yaml:2:8: Duplicate field 'proxies' (expected: valid YAML)");
    }

    @Test
    void jsonSyntaxError() {
        assertThat(errors("{\"proxies\": [}", "synack.json"))
                .containsExactly("synack.json:1:14: Unexpected close marker '}': expected ']' (expected: valid JSON)");
    }

    /** A second document used to be dropped without a word; the error points at its "---". */
    @Test
    void secondDocumentIsAnError() {
        assertThat(errors(proxy("") + "# the staging proxies\n---\n" + proxy("").replace("web", "staging"), "synack.yaml"))
                .containsExactly("synack.yaml:6:1: a second YAML document (expected: one YAML document per file)");
        assertThat(errors(proxy("") + "---\n", "synack.yaml"))
                .containsExactly("synack.yaml:5:1: a second YAML document (expected: one YAML document per file)");
    }

    @Test
    void documentMarkersAroundOneDocumentAreFine() {
        assertThatCode(() -> ConfigLoader.parse("---\n" + proxy("") + "...\n", "synack.yaml")).doesNotThrowAnyException();
    }

    @Test
    void secondJsonValueIsAnError() {
        assertThat(errors("{\"proxies\": []} {}", "synack.json"))
                .containsExactly("synack.json:1:17: a second JSON value (expected: one JSON value per file)");
    }

    /** An alias used to be read as the plain string of its name: here upstream would have been "up". */
    @Test
    void aliasIsAnError() {
        String yaml = """
                proxies:
                  - name: web
                    listen: &up 127.0.0.1:18080
                    upstream: *up
                """;
        assertThat(errors(yaml)).containsExactly("proxies[0].upstream: alias *up "
                + "(expected: each value written out in full: YAML anchors, aliases and merge keys are not supported)");
    }

    /** A merge key used to be an unknown key "<<", and the keys it should have brought were reported missing. */
    @Test
    void mergeKeyIsAnError() {
        String yaml = """
                proxies:
                  - &web {name: web, listen: 127.0.0.1:18080, upstream: 127.0.0.1:8080}
                  - <<: *web
                    name: web2
                    listen: 127.0.0.1:18081
                """;
        assertThat(errors(yaml)).containsExactly("proxies[1].<<: merge key "
                + "(expected: each value written out in full: YAML anchors, aliases and merge keys are not supported)");
    }

    @Test
    void aliasOrCollectionAsKeyIsAnError() {
        assertThat(errors(proxy("*k : 1"), "synack.yaml")).containsExactly("synack.yaml:5:7: alias *k as a key "
                + "(expected: each value written out in full: YAML anchors, aliases and merge keys are not supported)");
        assertThat(errors(proxy("? [a, b]\n: 1"), "synack.yaml"))
                .containsExactly("synack.yaml:5:8: a list as a key (expected: a key of plain text)");
    }

    @Test
    void nestingDeeperThan32IsAnError() {
        assertThat(errors(proxy("limits: " + "[".repeat(40) + "]".repeat(40)), "synack.yaml"))
                .containsExactly("synack.yaml:5:42: nested deeper than 32 levels (expected: a config nested at most 32 levels deep)");
    }

    @Test
    void unprintableCharacterNamesItsPlace() {
        assertThat(errors(proxy("connect: {timeout: 2\u0000s}"), "synack.yaml"))
                .containsExactly("synack.yaml:5:25: unprintable character U+0000 (expected: valid YAML)");
    }

    @Test
    void yamlInfinityIsANumber() {
        assertThat(errors(proxy("connect: {backoff: {multiplier: .inf}}")))
                .containsExactly("proxies[0].connect.backoff.multiplier: .inf (expected: a number >= 1)");
    }

    /** The YAML parser's cost grows with the square of a line's length (here 4 + 1 + 16384); JSON's does not, and has no bound. */
    @Test
    void yamlLineLongerThan16KiBIsAnError() {
        assertThat(errors(proxy("#" + "c".repeat(16 << 10)), "synack.yaml")).containsExactly("synack.yaml:5:16385: "
                + "a line longer than 16384 characters (expected: YAML lines of at most 16384 characters (or a .json file))");
        assertThatCode(() -> ConfigLoader.parse(proxy("#" + "c".repeat((16 << 10) - 5)), "synack.yaml")).doesNotThrowAnyException();
        String json = "{\"proxies\": [" + "{\"name\": \"web\", \"listen\": \"127.0.0.1:0\", \"upstream\": \"127.0.0.1:8080\"},".repeat(400)
                + "{\"name\": \"last\", \"listen\": \"127.0.0.1:0\", \"upstream\": \"127.0.0.1:8080\"}]}";
        assertThat(errors(json, "synack.json")).hasSize(100).allMatch(e -> e.endsWith("(expected: a name no other proxy has; proxies[0] has it)"));
    }

    /** Past 100 errors the rest are counted, not listed: a file of nothing but mistakes is one screen, not megabytes. */
    @Test
    void moreThan100ErrorsAreCounted() {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.parse("proxies: [" + "1, ".repeat(149) + "1]", "synack.yaml"));
        assertThat(e.errors()).hasSize(100);
        assertThat(e.getMessage()).startsWith("150 errors in config:\n  proxies[0]: 1 (expected: a mapping of name, ")
                .endsWith("\n  ... and 50 more").hasLineCount(102);
    }

    @Test
    void rootThatIsNoMapping() {
        assertThat(errors("- a\n- b\n", "synack.yaml"))
                .containsExactly("synack.yaml: [\"a\",\"b\"] (expected: a mapping of admin, transport, shutdown, seed, metrics, mirror, access_log, proxies)");
    }

    @Test
    void severalErrorsCollectedAtOnce() {
        String yaml = """
                transport: uring
                admin: {listen: localhost}
                proxies:
                  - name: "web server"
                    listen: 127.0.0.1:18080
                    upstream: 127.0.0.1:8080
                    connect: {timeout: 0s, attempts: 0, backoff: {initial: 1s, max: 500ms, multiplier: 0.5, jitter: 2}}
                    on_peer_reset: rst
                    buffers: {read_size: 512, low_watermark: 512KiB}
                    downstream: {tos: 300, congestion: BBR, fast_open: -1, user_timeout: 1000h}
                  - name: db
                    listen: 127.0.0.1:18080
                    upstreams: [127.0.0.1:5432, "db2:x"]
                    limts: {}
                """;
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parse(yaml, "test.yaml"));
        assertThat(e.errors()).extracting(ConfigError::toString).containsExactly(
                "admin.listen: \"localhost\" (expected: host:port, like 127.0.0.1:8080)",
                "transport: \"uring\" (expected: one of auto, epoll, io_uring, nio)",
                "proxies[0].name: \"web server\" (expected: a name of 1 to 64 letters, digits, '_', '.' or '-')",
                "proxies[0].connect.timeout: \"0s\" (expected: a duration from 1ms to 1h, like 250ms, 2s, 10m)",
                "proxies[0].connect.attempts: 0 (expected: an integer from 1 to 100)",
                "proxies[0].connect.backoff.multiplier: 0.5 (expected: a number >= 1)",
                "proxies[0].connect.backoff.jitter: 2 (expected: a number from 0 to 1)",
                "proxies[0].connect.backoff.max: \"500ms\" (expected: a duration >= initial (1s))",
                "proxies[0].on_peer_reset: \"rst\" (expected: one of reset, close)",
                "proxies[0].buffers.read_size: 512 (expected: a size from 1KiB to 16MiB" + SIZE_EXAMPLES + ")",
                "proxies[0].buffers.low_watermark: \"512KiB\" (expected: a size <= high_watermark (256KiB, its default))",
                "proxies[0].downstream.user_timeout: \"1000h\" (expected: a duration from 0s to 596h, like 250ms, 2s, 10m)",
                "proxies[0].downstream.tos: 300 (expected: an integer from 0 to 255, or hex like 0x10)",
                "proxies[0].downstream.congestion: \"BBR\" "
                        + "(expected: a congestion control name like cubic or bbr (a-z, 0-9, '_'; at most 15))",
                "proxies[0].downstream.fast_open: -1 "
                        + "(expected: a queue length from 0 to 65535, or true (= 256) or false (= 0))",
                "proxies[1].limts: unknown key (expected: limits)",
                "proxies[1].upstreams[1]: \"db2:x\" (expected: host:port, like 127.0.0.1:8080)",
                "proxies[1].listen: \"127.0.0.1:18080\" (expected: an address no other proxy has; proxies[0] has it)");
        assertThat(e.getMessage()).startsWith("18 errors in config:\n  admin.listen: ");
    }

    @Test
    void seedThatIsNoInteger() {
        assertThat(errors("seed: 1.5\n" + proxy("")))
                .containsExactly("seed: 1.5 (expected: an integer (any 64-bit value; leave it out for a random seed per run))");
    }
}
