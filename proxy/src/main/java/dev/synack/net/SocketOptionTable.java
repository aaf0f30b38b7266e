package dev.synack.net;

import static dev.synack.net.OptionStage.AFTER_CONNECT;
import static dev.synack.net.OptionStage.CHILD;
import static dev.synack.net.OptionStage.LISTENER;
import static dev.synack.net.OptionStage.UPSTREAM;

import dev.synack.config.ConfigError;
import dev.synack.config.KeepaliveSpec;
import dev.synack.config.ProxySpec;
import dev.synack.config.SocketSpec;
import dev.synack.config.SynackConfig;
import io.netty.channel.ChannelOption;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import jdk.net.ExtendedSocketOptions;

/**
 * The one table of socket options: for each option of {@link SocketSpec}, its config name, the kernel
 * option, the stage at which each side applies it, how epoll/io_uring (raw fd) and NIO (JDK options)
 * apply it and read it back. An option with no NIO access cannot be applied on NIO, and
 * {@link #check} turns a request for it into a config error.
 *
 * <p>Options the handshake needs (receive buffer for the window scale, MSS and window clamp for the
 * SYN-ACK) are set on the listener, and the kernel copies them into every socket it accepts; those are
 * read back on accepted sockets too.
 */
public enum SocketOptionTable {
    NODELAY("nodelay", KernelOption.tcp("TCP_NODELAY", 1), CHILD, UPSTREAM, OptionKind.FLAG, SocketSpec::nodelay,
            jdk(StandardSocketOptions.TCP_NODELAY)),
    KEEPALIVE("keepalive.enabled", KernelOption.socket("SO_KEEPALIVE", 9), CHILD, UPSTREAM, OptionKind.FLAG,
            keepalive(k -> k.enabled()), jdk(StandardSocketOptions.SO_KEEPALIVE)),
    KEEPALIVE_IDLE("keepalive.idle", KernelOption.tcp("TCP_KEEPIDLE", 4), CHILD, UPSTREAM, OptionKind.SECONDS,
            keepalive(KeepaliveSpec::idle), jdk(ExtendedSocketOptions.TCP_KEEPIDLE)),
    KEEPALIVE_INTERVAL("keepalive.interval", KernelOption.tcp("TCP_KEEPINTVL", 5), CHILD, UPSTREAM, OptionKind.SECONDS,
            keepalive(KeepaliveSpec::interval), jdk(ExtendedSocketOptions.TCP_KEEPINTERVAL)),
    KEEPALIVE_COUNT("keepalive.count", KernelOption.tcp("TCP_KEEPCNT", 6), CHILD, UPSTREAM, OptionKind.NUMBER,
            keepalive(KeepaliveSpec::count), jdk(ExtendedSocketOptions.TCP_KEEPCOUNT)),
    LINGER("linger", KernelOption.socket("SO_LINGER", 13), CHILD, UPSTREAM, OptionKind.LINGER, SocketSpec::linger,
            new OptionAccess.Linger(), jdk(StandardSocketOptions.SO_LINGER)),
    RCVBUF("rcvbuf", KernelOption.socket("SO_RCVBUF", 8), LISTENER, UPSTREAM, OptionKind.NUMBER, SocketSpec::rcvbuf,
            new OptionAccess.Jdk(StandardSocketOptions.SO_RCVBUF, true)),
    SNDBUF("sndbuf", KernelOption.socket("SO_SNDBUF", 7), CHILD, UPSTREAM, OptionKind.NUMBER, SocketSpec::sndbuf,
            new OptionAccess.Jdk(StandardSocketOptions.SO_SNDBUF, true)),
    WINDOW_CLAMP("window_clamp", KernelOption.tcp("TCP_WINDOW_CLAMP", 10), LISTENER, UPSTREAM, OptionKind.NUMBER,
            SocketSpec::windowClamp, null),
    MAX_SEGMENT("max_segment", KernelOption.tcp("TCP_MAXSEG", 2), LISTENER, UPSTREAM, OptionKind.NUMBER,
            SocketSpec::maxSegment, null),
    USER_TIMEOUT("user_timeout", KernelOption.tcp("TCP_USER_TIMEOUT", 18), CHILD, UPSTREAM, OptionKind.MILLIS,
            SocketSpec::userTimeout, null),
    QUICKACK("quickack", KernelOption.tcp("TCP_QUICKACK", 12), CHILD, AFTER_CONNECT, OptionKind.FLAG, SocketSpec::quickack,
            jdk(ExtendedSocketOptions.TCP_QUICKACK)),
    TOS("tos", OptionAccess.Tos.IP_TOS, CHILD, UPSTREAM, OptionKind.NUMBER, SocketSpec::tos,
            new OptionAccess.Tos(), null),
    CONGESTION("congestion", KernelOption.tcp("TCP_CONGESTION", 13), CHILD, UPSTREAM, OptionKind.NAME, SocketSpec::congestion,
            new OptionAccess.Congestion(), null),
    NOTSENT_LOWAT("notsent_lowat", KernelOption.tcp("TCP_NOTSENT_LOWAT", 25), CHILD, UPSTREAM, OptionKind.NUMBER,
            SocketSpec::notsentLowat, null),
    /** Listener: the TFO queue length; set before listen (Netty would only do it when its own probe allows). */
    FAST_OPEN("fast_open", KernelOption.tcp("TCP_FASTOPEN", 23), LISTENER, null, OptionKind.NUMBER, SocketSpec::fastOpen,
            null),
    /** Upstream: the kernel's TCP_FASTOPEN_CONNECT, so an ordinary write after connect goes out in the SYN. */
    FAST_OPEN_CONNECT("fast_open", KernelOption.tcp("TCP_FASTOPEN_CONNECT", 30), null, UPSTREAM, OptionKind.FLAG,
            SocketSpec::fastOpen, null),
    /** Accepted sockets, read only: whether the connection was accepted by TFO (tcpi_options TFO_CHILD). */
    FAST_OPEN_CHILD("fast_open", new KernelOption("TCP_INFO tcpi_options", KernelOption.IPPROTO_TCP, NativeSockets.TCP_INFO),
            CHILD, null, OptionKind.TFO_CHILD, s -> null, new OptionAccess.TcpInfoField(5, 1), null),
    /** listen()'s argument, which only Netty passes; read back as tcp_info's tcpi_sacked (sk_max_ack_backlog). */
    BACKLOG("backlog", new KernelOption("listen() backlog", KernelOption.IPPROTO_TCP, NativeSockets.TCP_INFO), LISTENER, null,
            OptionKind.NUMBER, SocketSpec::backlog, new OptionAccess.TcpInfoField(28, 4),
            new OptionAccess.Netty(ChannelOption.SO_BACKLOG)),
    REUSE_PORT("reuse_port", KernelOption.socket("SO_REUSEPORT", 15), LISTENER, null, OptionKind.FLAG, SocketSpec::reusePort,
            jdk(StandardSocketOptions.SO_REUSEPORT)),
    DEFER_ACCEPT("defer_accept", KernelOption.tcp("TCP_DEFER_ACCEPT", 9), LISTENER, null, OptionKind.SECONDS,
            SocketSpec::deferAccept, null);

    private static final SocketOptionTable[] ALL = values();

    private final String configName;
    private final KernelOption kernel;
    private final OptionStage downstream;
    private final OptionStage upstream;
    private final OptionKind kind;
    private final Function<SocketSpec, Object> requested;
    private final OptionAccess nativeAccess;
    private final OptionAccess nioAccess;

    SocketOptionTable(String configName, KernelOption kernel, OptionStage downstream, OptionStage upstream, OptionKind kind,
                      Function<SocketSpec, ?> requested, OptionAccess nioAccess) {
        this(configName, kernel, downstream, upstream, kind, requested, new OptionAccess.Int(kernel), nioAccess);
    }

    @SuppressWarnings("unchecked")
    SocketOptionTable(String configName, KernelOption kernel, OptionStage downstream, OptionStage upstream, OptionKind kind,
                      Function<SocketSpec, ?> requested, OptionAccess nativeAccess, OptionAccess nioAccess) {
        this.configName = configName;
        this.kernel = kernel;
        this.downstream = downstream;
        this.upstream = upstream;
        this.kind = kind;
        this.requested = (Function<SocketSpec, Object>) requested;
        this.nativeAccess = nativeAccess;
        this.nioAccess = nioAccess;
    }

    public String configName() { return configName; }

    public KernelOption kernel() { return kernel; }

    /** The stage on the downstream side (listener and accepted sockets), or null if the option is not of that side. */
    public OptionStage downstreamStage() { return downstream; }

    /** The stage on the upstream side, or null if the option is not of that side. */
    public OptionStage upstreamStage() { return upstream; }

    OptionKind kind() { return kind; }

    /** The value config asks for, or null when it leaves the kernel's default. */
    public Object requested(SocketSpec spec) {
        return spec == null ? null : requested.apply(spec);
    }

    public boolean supports(Transport t) {
        return t.isNative() || nioAccess != null;
    }

    /** How this option is applied and read on a transport's sockets; null when the transport cannot. */
    OptionAccess access(Transport t) {
        return t.isNative() ? nativeAccess : nioAccess;
    }

    /** Read back on accepted sockets: child options, and listener options the kernel copies into them. */
    boolean inAccepted() {
        return downstream == CHILD || this == RCVBUF || this == WINDOW_CLAMP || this == MAX_SEGMENT;
    }

    /** True for options applied by the tuner on some socket (not listen()'s argument, not read-only ones). */
    boolean appliedByTuner() {
        return this != BACKLOG && this != FAST_OPEN_CHILD;
    }

    /** The entries of one side at one stage, in table order. */
    static List<SocketOptionTable> at(boolean downstreamSide, OptionStage stage) {
        return Arrays.stream(ALL).filter(o -> (downstreamSide ? o.downstream : o.upstream) == stage).toList();
    }

    static List<SocketOptionTable> readOnListener() {
        return at(true, LISTENER);
    }

    static List<SocketOptionTable> readOnAccepted() {
        return Arrays.stream(ALL).filter(SocketOptionTable::inAccepted).toList();
    }

    static List<SocketOptionTable> readOnUpstream() {
        return Arrays.stream(ALL).filter(o -> o.upstream != null).toList();
    }

    /**
     * Every option the config asks for that transport {@code t} cannot apply, as an error on its path:
     * {@code proxies[0].downstream.window_clamp: 65536 (expected: an option the nio transport can apply; ...)}.
     */
    public static List<ConfigError> check(SynackConfig cfg, Transport t) {
        List<ConfigError> errors = new ArrayList<>();
        for (int i = 0; i < cfg.proxies().size(); i++) {
            errors.addAll(check(cfg.proxies().get(i), "proxies[" + i + "]", t));
        }
        return errors;
    }

    /** As {@link #check(SynackConfig, Transport)} for one proxy whose fields are under {@code path}. */
    public static List<ConfigError> check(ProxySpec p, String path, Transport t) {
        List<ConfigError> errors = new ArrayList<>();
        checkSide(errors, path + ".downstream", p.downstream(), true, t);
        checkSide(errors, path + ".upstream_socket", p.upstreamSocket(), false, t);
        return errors;
    }

    private static void checkSide(List<ConfigError> errors, String path, SocketSpec spec, boolean downstreamSide, Transport t) {
        for (SocketOptionTable o : ALL) {
            Object v = o.requested(spec);
            if (v == null || (downstreamSide ? o.downstream : o.upstream) == null || o.supports(t)) {
                continue;
            }
            // found is shown as JSON, like every config error: durations and names quoted
            String found = o.kind.renderRequested(v);
            found = v instanceof Number || v instanceof Boolean ? found : '"' + found + '"';
            errors.add(new ConfigError(path + "." + o.configName, found,
                    "an option the " + t.configName() + " transport can apply; " + o.limitation(t)));
        }
    }

    private String limitation(Transport t) {
        String what = this == TOS ? "IP_TOS on dual-stack sockets (it sets only IPV6_TCLASS)" : kernel.name();
        return t.configName() + " cannot set " + what + " (use epoll or io_uring)";
    }

    private static OptionAccess jdk(SocketOption<?> option) {
        return new OptionAccess.Jdk(option, false);
    }

    private static <T> Function<SocketSpec, T> keepalive(Function<KeepaliveSpec, T> field) {
        return s -> s.keepalive() == null ? null : field.apply(s.keepalive());
    }
}
