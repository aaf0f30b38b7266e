package dev.synack.config;

import static dev.synack.config.KernelOption.socket;
import static dev.synack.config.KernelOption.tcp;
import static dev.synack.config.OptionStage.AFTER_CONNECT;
import static dev.synack.config.OptionStage.CHILD;
import static dev.synack.config.OptionStage.LISTENER;
import static dev.synack.config.OptionStage.UPSTREAM;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The one table of socket options: for each option of {@link SocketSpec}, its config name, the kernel
 * option, the stage at which each side applies it (null: not on that side), the kind of its value, the
 * value config asks for, the transports that can apply it, and the kernel's default where there is one.
 * A transport that cannot set an option still honours a request for its kernel default, since nothing
 * needs setting: that is no config error, the tuner leaves the socket as it is, and the doctor says it
 * takes effect. The config grammar ({@code SocketKey}), the tuner in net (which adds how each transport
 * applies and reads an entry) and the doctor all read this table.
 *
 * <p>Options the handshake needs (receive buffer for the window scale, MSS and window clamp for the
 * SYN-ACK) are set on the listener, and the kernel copies them into every socket it accepts; those are
 * read back on accepted sockets too.
 */
public enum SocketOption {
    NODELAY("nodelay", tcp("TCP_NODELAY", 1), CHILD, UPSTREAM, OptionKind.FLAG, SocketSpec::nodelay, every()),
    KEEPALIVE("keepalive.enabled", socket("SO_KEEPALIVE", 9), CHILD, UPSTREAM, OptionKind.FLAG,
            keepalive(KeepaliveSpec::enabled), every(), false),
    KEEPALIVE_IDLE("keepalive.idle", tcp("TCP_KEEPIDLE", 4), CHILD, UPSTREAM, OptionKind.SECONDS,
            keepalive(KeepaliveSpec::idle), every()),
    KEEPALIVE_INTERVAL("keepalive.interval", tcp("TCP_KEEPINTVL", 5), CHILD, UPSTREAM, OptionKind.SECONDS,
            keepalive(KeepaliveSpec::interval), every()),
    KEEPALIVE_COUNT("keepalive.count", tcp("TCP_KEEPCNT", 6), CHILD, UPSTREAM, OptionKind.NUMBER,
            keepalive(KeepaliveSpec::count), every()),
    LINGER("linger", socket("SO_LINGER", 13), CHILD, UPSTREAM, OptionKind.LINGER, SocketSpec::linger, every()),
    RCVBUF("rcvbuf", socket("SO_RCVBUF", 8), LISTENER, UPSTREAM, OptionKind.NUMBER, SocketSpec::rcvbuf, every()),
    SNDBUF("sndbuf", socket("SO_SNDBUF", 7), CHILD, UPSTREAM, OptionKind.NUMBER, SocketSpec::sndbuf, every()),
    WINDOW_CLAMP("window_clamp", tcp("TCP_WINDOW_CLAMP", 10), LISTENER, UPSTREAM, OptionKind.NUMBER,
            SocketSpec::windowClamp, nativeOnly()),
    MAX_SEGMENT("max_segment", tcp("TCP_MAXSEG", 2), LISTENER, UPSTREAM, OptionKind.NUMBER, SocketSpec::maxSegment,
            nativeOnly()),
    USER_TIMEOUT("user_timeout", tcp("TCP_USER_TIMEOUT", 18), CHILD, UPSTREAM, OptionKind.MILLIS, SocketSpec::userTimeout,
            nativeOnly(), Duration.ZERO),
    QUICKACK("quickack", tcp("TCP_QUICKACK", 12), CHILD, AFTER_CONNECT, OptionKind.FLAG, SocketSpec::quickack, every()),
    /** NIO's IP_TOS on the JDK's dual-stack sockets sets only IPV6_TCLASS, so IPv4 packets would keep tos 0. */
    TOS("tos", KernelOption.IP_TOS, CHILD, UPSTREAM, OptionKind.NUMBER, SocketSpec::tos, nativeOnly(), 0),
    CONGESTION("congestion", KernelOption.TCP_CONGESTION, CHILD, UPSTREAM, OptionKind.NAME, SocketSpec::congestion,
            nativeOnly()),
    NOTSENT_LOWAT("notsent_lowat", tcp("TCP_NOTSENT_LOWAT", 25), CHILD, UPSTREAM, OptionKind.NUMBER,
            SocketSpec::notsentLowat, nativeOnly()),
    /** Listener: the TFO queue length; set before listen (Netty would only do it when its own probe allows). */
    FAST_OPEN("fast_open", tcp("TCP_FASTOPEN", 23), LISTENER, null, OptionKind.NUMBER, SocketSpec::fastOpen, nativeOnly(),
            0),
    /** Upstream: the kernel's TCP_FASTOPEN_CONNECT, so an ordinary write after connect goes out in the SYN. */
    FAST_OPEN_CONNECT("fast_open", tcp("TCP_FASTOPEN_CONNECT", 30), null, UPSTREAM, OptionKind.FLAG, SocketSpec::fastOpen,
            nativeOnly(), 0),
    /** Accepted sockets, read only: whether the connection was accepted by TFO (tcpi_options TFO_CHILD). */
    FAST_OPEN_CHILD("fast_open", KernelOption.TCP_INFO.named("TCP_INFO tcpi_options"), CHILD, null, OptionKind.TFO_CHILD,
            s -> null, nativeOnly()),
    /** listen()'s argument, which only Netty passes; read back as tcp_info's tcpi_sacked (sk_max_ack_backlog). */
    BACKLOG("backlog", KernelOption.TCP_INFO.named("listen() backlog"), LISTENER, null, OptionKind.NUMBER,
            SocketSpec::backlog, every()),
    REUSE_PORT("reuse_port", socket("SO_REUSEPORT", 15), LISTENER, null, OptionKind.FLAG, SocketSpec::reusePort, every(),
            false),
    DEFER_ACCEPT("defer_accept", tcp("TCP_DEFER_ACCEPT", 9), LISTENER, null, OptionKind.SECONDS, SocketSpec::deferAccept,
            nativeOnly(), Duration.ZERO);

    private static final SocketOption[] ALL = values();

    private final String configName;
    private final KernelOption kernel;
    private final OptionStage downstream;
    private final OptionStage upstream;
    private final OptionKind kind;
    private final Function<SocketSpec, Object> requested;
    private final Set<TransportKind> transports;
    private final Object kernelDefault;

    SocketOption(String configName, KernelOption kernel, OptionStage downstream, OptionStage upstream, OptionKind kind,
                 Function<SocketSpec, ?> requested, Set<TransportKind> transports) {
        this(configName, kernel, downstream, upstream, kind, requested, transports, null);
    }

    /** @param kernelDefault the config value every new socket already has, or null when there is none to name */
    @SuppressWarnings("unchecked")
    SocketOption(String configName, KernelOption kernel, OptionStage downstream, OptionStage upstream, OptionKind kind,
                 Function<SocketSpec, ?> requested, Set<TransportKind> transports, Object kernelDefault) {
        this.configName = configName;
        this.kernel = kernel;
        this.downstream = downstream;
        this.upstream = upstream;
        this.kind = kind;
        this.requested = (Function<SocketSpec, Object>) requested;
        this.transports = Collections.unmodifiableSet(transports);
        this.kernelDefault = kernelDefault;
    }

    /** The name in config and readings: {@code nodelay}, {@code keepalive.idle}. */
    public String configName() { return configName; }

    /** The key of a {@code downstream} / {@code upstream_socket} block it sits under: {@code keepalive} for {@code keepalive.idle}. */
    public String key() {
        int dot = configName.indexOf('.');
        return dot < 0 ? configName : configName.substring(0, dot);
    }

    public KernelOption kernel() { return kernel; }

    /** The stage on the downstream side (listener and accepted sockets), or null if the option is not of that side. */
    public OptionStage downstreamStage() { return downstream; }

    /** The stage on the upstream side, or null if the option is not of that side. */
    public OptionStage upstreamStage() { return upstream; }

    /** The stage on one side, or null if the option is not of that side. */
    public OptionStage stage(boolean downstreamSide) {
        return downstreamSide ? downstream : upstream;
    }

    public OptionKind kind() { return kind; }

    /** The value config asks for, or null when it leaves the kernel's default. */
    public Object requested(SocketSpec spec) {
        return spec == null ? null : requested.apply(spec);
    }

    /** The transports that can apply the option (or, for a read-only entry, read it). */
    public Set<TransportKind> transports() { return transports; }

    /** Whether transport {@code t} can apply the option; {@code AUTO} is not a transport sockets run on. */
    public boolean supports(TransportKind t) {
        if (t == TransportKind.AUTO) {
            throw new IllegalArgumentException("auto is not a transport: choose one first");
        }
        return transports.contains(t);
    }

    /**
     * Whether {@code requested} is the kernel's default, the value every new socket starts with
     * ({@code fast_open: false} or 0, {@code user_timeout: 0}, {@code defer_accept: 0}, {@code tos: 0}, ...):
     * asking for it needs no setsockopt. Compared in the kernel's units.
     */
    public boolean isKernelDefault(Object requested) {
        return requested != null && kernelDefault != null && kind.toKernel(requested).equals(kind.toKernel(kernelDefault));
    }

    /**
     * Whether a socket of transport {@code t} ends up as config asks: the transport can apply the option, or
     * the value asked for is the kernel's default, which every transport honours by setting nothing.
     */
    public boolean honours(TransportKind t, Object requested) {
        return supports(t) || isKernelDefault(requested);
    }

    /** Read back on accepted sockets: child options, and listener options the kernel copies into them. */
    public boolean inAccepted() {
        return downstream == CHILD || this == RCVBUF || this == WINDOW_CLAMP || this == MAX_SEGMENT;
    }

    /** True for an entry config never sets, only reads back ({@link #FAST_OPEN_CHILD}). */
    public boolean readOnly() {
        return this == FAST_OPEN_CHILD;
    }

    /** The entries of one side at one stage, in table order. */
    public static List<SocketOption> at(boolean downstreamSide, OptionStage stage) {
        return Arrays.stream(ALL).filter(o -> o.stage(downstreamSide) == stage).toList();
    }

    /** The entries read back on a listener. */
    public static List<SocketOption> readOnListener() {
        return at(true, LISTENER);
    }

    /** The entries read back on an accepted socket. */
    public static List<SocketOption> readOnAccepted() {
        return Arrays.stream(ALL).filter(SocketOption::inAccepted).toList();
    }

    /** The entries read back on an upstream socket. */
    public static List<SocketOption> readOnUpstream() {
        return Arrays.stream(ALL).filter(o -> o.upstream != null).toList();
    }

    /** Whether a block key applies only to the listener: no entry under it has an upstream stage. */
    public static boolean listenerOnly(String key) {
        return Arrays.stream(ALL).filter(o -> o.key().equals(key)).allMatch(o -> o.upstream == null);
    }

    /**
     * Every option the config asks for that transport {@code t} cannot honour, as an error on its path:
     * {@code proxies[0].downstream.window_clamp: 65536 (expected: an option the nio transport can apply; ...)}.
     */
    public static List<ConfigError> check(SynackConfig cfg, TransportKind t) {
        List<ConfigError> errors = new ArrayList<>();
        for (int i = 0; i < cfg.proxies().size(); i++) {
            errors.addAll(check(cfg.proxies().get(i), "proxies[" + i + "]", t));
        }
        return errors;
    }

    /** As {@link #check(SynackConfig, TransportKind)} for one proxy whose fields are under {@code path}. */
    public static List<ConfigError> check(ProxySpec p, String path, TransportKind t) {
        List<ConfigError> errors = new ArrayList<>();
        checkSide(errors, path + ".downstream", p.downstream(), true, t);
        checkSide(errors, path + ".upstream_socket", p.upstreamSocket(), false, t);
        return errors;
    }

    private static void checkSide(List<ConfigError> errors, String path, SocketSpec spec, boolean downstreamSide,
                                  TransportKind t) {
        for (SocketOption o : ALL) {
            Object v = o.requested(spec);
            if (v == null || o.stage(downstreamSide) == null || o.honours(t, v)) {
                continue;
            }
            // found is shown as JSON, like every config error: durations and names quoted
            String found = o.kind.renderRequested(v);
            found = v instanceof Number || v instanceof Boolean ? found : '"' + found + '"';
            errors.add(new ConfigError(path + "." + o.configName, found,
                    "an option the " + t.configName() + " transport can apply; " + o.limitation(t)));
        }
    }

    private String limitation(TransportKind t) {
        String what = this == TOS ? "IP_TOS on dual-stack sockets (it sets only IPV6_TCLASS)" : kernel.name();
        List<String> able = transports.stream().map(TransportKind::configName).toList();
        return t.configName() + " cannot set " + what + " (use " + String.join(" or ", able) + ")";
    }

    private static Set<TransportKind> every() {
        return EnumSet.of(TransportKind.EPOLL, TransportKind.IO_URING, TransportKind.NIO);
    }

    private static Set<TransportKind> nativeOnly() {
        return EnumSet.of(TransportKind.EPOLL, TransportKind.IO_URING);
    }

    private static <T> Function<SocketSpec, T> keepalive(Function<KeepaliveSpec, T> field) {
        return s -> s.keepalive() == null ? null : field.apply(s.keepalive());
    }
}
