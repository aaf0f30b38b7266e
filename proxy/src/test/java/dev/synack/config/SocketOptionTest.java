package dev.synack.config;

import dev.synack.testkit.Specs;
import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.testkit.Specs;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The table's shape, the grammar read from it, and the transport check: exact error messages for what a transport cannot apply. */
class SocketOptionTest {
    private static final SocketSpec EVERY_DOWNSTREAM_OPTION = Specs.of(Map.ofEntries(
            Map.entry("nodelay", true), Map.entry("keepalive", new KeepaliveSpec(true, Duration.ofSeconds(60), Duration.ofSeconds(10), 5)),
            Map.entry("linger", Duration.ZERO), Map.entry("rcvbuf", 262144), Map.entry("sndbuf", 262144),
            Map.entry("windowClamp", 65536), Map.entry("maxSegment", 1400), Map.entry("userTimeout", Duration.ofSeconds(5)),
            Map.entry("quickack", true), Map.entry("tos", 16), Map.entry("congestion", "reno"), Map.entry("fastOpen", 256),
            Map.entry("notsentLowat", 16384), Map.entry("backlog", 1024), Map.entry("reusePort", true),
            Map.entry("deferAccept", Duration.ofSeconds(5))));

    @Test
    void everyFieldOfSocketSpecHasAnEntryUnderItsConfigName() {
        Set<String> configNames = Arrays.stream(SocketOption.values()).map(o -> o.configName().replaceAll("\\..*", ""))
                .collect(Collectors.toSet());
        Set<String> fields = Arrays.stream(SocketSpec.class.getRecordComponents()).map(RecordComponent::getName)
                .map(n -> n.replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT)).collect(Collectors.toSet());
        assertThat(configNames).isEqualTo(fields);
    }

    @Test
    void everyEntryBelongsToASideAndUpstreamEntriesNeverUseListenerStages() {
        for (SocketOption o : SocketOption.values()) {
            assertThat(o.downstreamStage() != null || o.upstreamStage() != null).as(o.name()).isTrue();
            assertThat(o.downstreamStage()).as(o.name()).isIn(null, OptionStage.LISTENER, OptionStage.CHILD);
            assertThat(o.upstreamStage()).as(o.name()).isIn(null, OptionStage.UPSTREAM, OptionStage.AFTER_CONNECT);
        }
    }

    @Test
    void theGrammarHasOneKeyPerBlockKeyOfTheTableWithTheTablesListenerOnlyFlags() {
        assertThat(Arrays.stream(SocketKey.values()).map(k -> k.key))
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(SocketOption.values()).map(SocketOption::key).distinct().toList());
        assertThat(Arrays.stream(SocketKey.values()).filter(k -> k.listenerOnly).map(k -> k.key))
                .containsExactly("backlog", "reuse_port", "defer_accept");
        assertThat(SocketKey.FAST_OPEN.listenerOnly).as("fast_open has an upstream entry").isFalse();
    }

    @Test
    void everyEntryNamesAKernelOptionAndTheTransportsThatApplyIt() {
        for (SocketOption o : SocketOption.values()) {
            assertThat(o.kernel().name()).as(o.name()).isNotBlank();
            assertThat(o.transports()).as(o.name()).isNotEmpty().doesNotContain(TransportKind.AUTO)
                    .contains(TransportKind.EPOLL, TransportKind.IO_URING);
        }
        assertThat(SocketOption.CONGESTION.kernel()).isEqualTo(new KernelOption("TCP_CONGESTION", 6, 13));
        assertThat(SocketOption.values()).filteredOn(o -> !o.supports(TransportKind.NIO)).extracting(SocketOption::configName)
                .containsExactly("window_clamp", "max_segment", "user_timeout", "tos", "congestion", "notsent_lowat",
                        "fast_open", "fast_open", "fast_open", "defer_accept");
    }

    @Test
    void nativeTransportsCanApplyEveryOption() {
        SynackConfig cfg = config(EVERY_DOWNSTREAM_OPTION, Specs.of(Map.of("windowClamp", 65536, "fastOpen", 1, "tos", 8)));
        assertThat(SocketOption.check(cfg, TransportKind.EPOLL)).isEmpty();
        assertThat(SocketOption.check(cfg, TransportKind.IO_URING)).isEmpty();
    }

    @Test
    void nioRejectsEachOptionItCannotApplyNamingOptionAndTransport() {
        SynackConfig cfg = config(EVERY_DOWNSTREAM_OPTION,
                Specs.of(Map.of("windowClamp", 65536, "fastOpen", 1, "keepalive", new KeepaliveSpec(true, Duration.ofSeconds(30), null, null))));
        List<String> errors = SocketOption.check(cfg, TransportKind.NIO).stream().map(ConfigError::toString).toList();
        String nio = " (expected: an option the nio transport can apply; nio cannot set ";
        assertThat(errors).containsExactly(
                "proxies[0].downstream.window_clamp: 65536" + nio + "TCP_WINDOW_CLAMP (use epoll or io_uring))",
                "proxies[0].downstream.max_segment: 1400" + nio + "TCP_MAXSEG (use epoll or io_uring))",
                "proxies[0].downstream.user_timeout: \"5s\"" + nio + "TCP_USER_TIMEOUT (use epoll or io_uring))",
                "proxies[0].downstream.tos: 16" + nio + "IP_TOS on dual-stack sockets (it sets only IPV6_TCLASS) (use epoll or io_uring))",
                "proxies[0].downstream.congestion: \"reno\"" + nio + "TCP_CONGESTION (use epoll or io_uring))",
                "proxies[0].downstream.notsent_lowat: 16384" + nio + "TCP_NOTSENT_LOWAT (use epoll or io_uring))",
                "proxies[0].downstream.fast_open: 256" + nio + "TCP_FASTOPEN (use epoll or io_uring))",
                "proxies[0].downstream.defer_accept: \"5s\"" + nio + "TCP_DEFER_ACCEPT (use epoll or io_uring))",
                "proxies[0].upstream_socket.window_clamp: 65536" + nio + "TCP_WINDOW_CLAMP (use epoll or io_uring))",
                "proxies[0].upstream_socket.fast_open: true" + nio + "TCP_FASTOPEN_CONNECT (use epoll or io_uring))");
    }

    @Test
    void aTransportThatCannotSetAnOptionStillHonoursItsKernelDefault() {
        SocketSpec defaults = Specs.of(Map.of("fastOpen", 0, "userTimeout", Duration.ZERO, "tos", 0,
                "deferAccept", Duration.ZERO));
        SynackConfig cfg = config(defaults, Specs.of(Map.of("fastOpen", 0, "userTimeout", Duration.ZERO, "tos", 0)));

        assertThat(SocketOption.check(cfg, TransportKind.NIO)).isEmpty();
        assertThat(SocketOption.FAST_OPEN_CONNECT.isKernelDefault(0)).isTrue();
        assertThat(SocketOption.FAST_OPEN.isKernelDefault(256)).isFalse();
        assertThat(SocketOption.USER_TIMEOUT.honours(TransportKind.NIO, Duration.ofMillis(1))).isFalse();
        assertThat(SocketOption.WINDOW_CLAMP.isKernelDefault(0)).as("no default to name").isFalse();
    }

    @Test
    void fastOpenFalseLoadsAndChecksCleanOnNio() throws Exception {
        SynackConfig cfg = ConfigLoader.parse(String.join("\n",
                "transport: nio",
                "proxies:",
                "  - name: web",
                "    listen: 127.0.0.1:18080",
                "    upstream: 127.0.0.1:8080",
                "    downstream: {fast_open: false, defer_accept: 0s}",
                "    upstream_socket: {fast_open: false, user_timeout: 0s}"), "inline.yaml");

        assertThat(SocketOption.check(cfg, TransportKind.NIO)).isEmpty();
    }

    @Test
    void aLoadedConfigIsCheckedAgainstTheTransport() throws Exception {
        SynackConfig cfg = ConfigLoader.parse(String.join("\n",
                "transport: nio",
                "proxies:",
                "  - name: web",
                "    listen: 127.0.0.1:18080",
                "    upstream: 127.0.0.1:8080",
                "    downstream: {backlog: 1024, nodelay: true, keepalive: {idle: 60s}, defer_accept: 5s}",
                "  - name: db",
                "    listen: 127.0.0.1:15432",
                "    upstream: 127.0.0.1:5432",
                "    upstream_socket: {fast_open: true, user_timeout: 2500ms, rcvbuf: 256KiB}"), "inline.yaml");
        assertThat(SocketOption.check(cfg, TransportKind.NIO)).extracting(ConfigError::toString).containsExactly(
                "proxies[0].downstream.defer_accept: \"5s\" (expected: an option the nio transport can apply; "
                        + "nio cannot set TCP_DEFER_ACCEPT (use epoll or io_uring))",
                "proxies[1].upstream_socket.user_timeout: \"2500ms\" (expected: an option the nio transport can apply; "
                        + "nio cannot set TCP_USER_TIMEOUT (use epoll or io_uring))",
                "proxies[1].upstream_socket.fast_open: true (expected: an option the nio transport can apply; "
                        + "nio cannot set TCP_FASTOPEN_CONNECT (use epoll or io_uring))");
        assertThat(SocketOption.check(cfg, TransportKind.EPOLL)).isEmpty();
    }

    @Test
    void checkNamesTheProxyIndexAndIgnoresUnsetSides() {
        SynackConfig cfg = new SynackConfig(AdminSpec.DEFAULT, TransportKind.NIO, ShutdownSpec.DEFAULT, List.of(
                proxy("a", SocketSpec.DEFAULT, null), proxy("b", Specs.of("congestion", "bbr"), SocketSpec.DEFAULT)));
        assertThat(SocketOption.check(cfg, TransportKind.NIO)).extracting(ConfigError::path)
                .containsExactly("proxies[1].downstream.congestion");
    }

    static SynackConfig config(SocketSpec down, SocketSpec up) {
        return new SynackConfig(AdminSpec.DEFAULT, TransportKind.AUTO, ShutdownSpec.DEFAULT, List.of(proxy("p", down, up)));
    }

    static ProxySpec proxy(String name, SocketSpec down, SocketSpec up) {
        return new ProxySpec(name, new HostPort("127.0.0.1", 0), List.of(new HostPort("127.0.0.1", 1)), ConnectSpec.DEFAULT,
                CloseAction.values()[0], CloseAction.values()[0], LimitsSpec.DEFAULT, BufferSpec.DEFAULT, down, up, List.of());
    }
}
