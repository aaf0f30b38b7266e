package dev.synack.testkit;

import dev.synack.config.AdminSpec;
import dev.synack.config.BackoffSpec;
import dev.synack.config.BufferSpec;
import dev.synack.config.CloseAction;
import dev.synack.config.ConnectSpec;
import dev.synack.config.FaultSpec;
import dev.synack.config.HostPort;
import dev.synack.config.LimitsSpec;
import dev.synack.config.MirrorSpec;
import dev.synack.config.ProxySpec;
import dev.synack.config.ShutdownSpec;
import dev.synack.config.SocketSpec;
import dev.synack.config.SpliceMode;
import dev.synack.config.SynackConfig;
import dev.synack.config.TransportKind;
import dev.synack.net.Transport;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Builds the config records of a one-proxy synack directly (no YAML), with test-friendly defaults:
 * listen 127.0.0.1:0, admin on port 0, a 1 s connect timeout, one attempt, backoff without jitter,
 * RST on upstream failure and on peer reset, a 60 s idle timeout and a 2 s drain. Each {@code with…}
 * returns a new value.
 */
public final class TestConfigs {
    /** The name of the one proxy every test config has. */
    public static final String PROXY = "it";

    private final Transport transport;
    private final ProxySpec proxy;
    private final Duration drain;
    private final MirrorSpec mirror;
    private final Long seed;

    private TestConfigs(Transport transport, ProxySpec proxy, Duration drain, MirrorSpec mirror, Long seed) {
        this.transport = transport;
        this.proxy = proxy;
        this.drain = drain;
        this.mirror = mirror;
        this.seed = seed;
    }

    public static TestConfigs proxy(Transport transport, HostPort... upstreams) {
        ProxySpec spec = new ProxySpec(PROXY, new HostPort("127.0.0.1", 0), List.of(upstreams),
                new ConnectSpec(Duration.ofSeconds(1), 1, backoff(Duration.ofMillis(20), 2.0, Duration.ofMillis(200))),
                CloseAction.RESET, CloseAction.RESET,
                new LimitsSpec(1000, 0, Duration.ofSeconds(60), Duration.ZERO),
                BufferSpec.DEFAULT, SocketSpec.DEFAULT, SocketSpec.DEFAULT, List.of());
        return new TestConfigs(transport, spec, Duration.ofSeconds(2), MirrorSpec.DEFAULT, null);
    }

    /** A backoff with jitter 0, so the waits are exactly {@code initial * multiplier^(n-1)} capped at {@code max}. */
    public static BackoffSpec backoff(Duration initial, double multiplier, Duration max) {
        return new BackoffSpec(initial, multiplier, max, 0.0);
    }

    public Transport transport() {
        return transport;
    }

    public ProxySpec spec() {
        return proxy;
    }

    public SynackConfig config() {
        ProxySpec p = SpliceVariant.active() ? new Draft(proxy).splicing().build() : proxy;
        return new SynackConfig(new AdminSpec(new HostPort("127.0.0.1", 0)), TransportKind.valueOf(transport.name()),
                new ShutdownSpec(drain), List.of(p), seed, dev.synack.config.MetricsSpec.DEFAULT, mirror);
    }

    public TestConfigs withUpstreams(HostPort... upstreams) {
        return edit(d -> d.upstreams = List.of(upstreams));
    }

    public TestConfigs withConnect(Duration timeout, int attempts, BackoffSpec backoff) {
        return edit(d -> d.connect = new ConnectSpec(timeout, attempts, backoff));
    }

    public TestConfigs withConnectTimeout(Duration timeout) {
        return withConnect(timeout, proxy.connect().attempts(), proxy.connect().backoff());
    }

    public TestConfigs withAttempts(int attempts) {
        return withConnect(proxy.connect().timeout(), attempts, proxy.connect().backoff());
    }

    public TestConfigs withOnUpstreamFailure(CloseAction action) {
        return edit(d -> d.onUpstreamFailure = action);
    }

    public TestConfigs withOnPeerReset(CloseAction action) {
        return edit(d -> d.onPeerReset = action);
    }

    public TestConfigs withLimits(LimitsSpec limits) {
        return edit(d -> d.limits = limits);
    }

    public TestConfigs withMaxConnections(int max) {
        LimitsSpec l = proxy.limits();
        return withLimits(new LimitsSpec(max, l.maxConnectionsPerClient(), l.idleTimeout(), l.maxDuration()));
    }

    public TestConfigs withMaxConnectionsPerClient(int max) {
        LimitsSpec l = proxy.limits();
        return withLimits(new LimitsSpec(l.maxConnections(), max, l.idleTimeout(), l.maxDuration()));
    }

    public TestConfigs withIdleTimeout(Duration idle) {
        LimitsSpec l = proxy.limits();
        return withLimits(new LimitsSpec(l.maxConnections(), l.maxConnectionsPerClient(), idle, l.maxDuration()));
    }

    public TestConfigs withMaxDuration(Duration max) {
        LimitsSpec l = proxy.limits();
        return withLimits(new LimitsSpec(l.maxConnections(), l.maxConnectionsPerClient(), l.idleTimeout(), max));
    }

    public TestConfigs withBuffers(BufferSpec buffers) {
        return edit(d -> d.buffers = buffers);
    }

    public TestConfigs withDownstream(SocketSpec downstream) {
        return edit(d -> d.downstream = downstream);
    }

    public TestConfigs withUpstreamSocket(SocketSpec upstreamSocket) {
        return edit(d -> d.upstreamSocket = upstreamSocket);
    }

    public TestConfigs withFaults(List<FaultSpec> faults) {
        return edit(d -> d.faults = faults);
    }

    public TestConfigs withDrain(Duration drain) {
        return new TestConfigs(transport, proxy, drain, mirror, seed);
    }

    /** Listening on {@code listen} instead of 127.0.0.1:0 (another loopback address, or a namespace's). */
    public TestConfigs withListen(HostPort listen) {
        return new TestConfigs(transport, proxy.withListen(listen), drain, mirror, seed);
    }

    /** With the mirror engine's settings (it runs when {@code mirror.enabled()}). */
    public TestConfigs withMirror(MirrorSpec mirror) {
        return new TestConfigs(transport, proxy, drain, mirror, seed);
    }

    /** With the top-level {@code seed} of every random decision (null: one drawn per run). */
    public TestConfigs withSeed(Long seed) {
        return new TestConfigs(transport, proxy, drain, mirror, seed);
    }

    private TestConfigs edit(Consumer<Draft> change) {
        Draft d = new Draft(proxy);
        change.accept(d);
        return new TestConfigs(transport, d.build(), drain, mirror, seed);
    }

    /** A mutable copy of a ProxySpec, so each wither names only the field it changes. */
    private static final class Draft {
        List<HostPort> upstreams;
        ConnectSpec connect;
        CloseAction onUpstreamFailure;
        CloseAction onPeerReset;
        LimitsSpec limits;
        BufferSpec buffers;
        SocketSpec downstream;
        SocketSpec upstreamSocket;
        List<FaultSpec> faults;
        private final ProxySpec from;

        Draft(ProxySpec p) {
            from = p;
            upstreams = p.upstreams();
            connect = p.connect();
            onUpstreamFailure = p.onUpstreamFailure();
            onPeerReset = p.onPeerReset();
            limits = p.limits();
            buffers = p.buffers();
            downstream = p.downstream();
            upstreamSocket = p.upstreamSocket();
            faults = p.faults();
        }

        /** With {@code buffers.splice: auto} (the {@link SpliceVariant} case). */
        Draft splicing() {
            buffers = buffers.withSplice(SpliceMode.AUTO);
            return this;
        }

        ProxySpec build() {
            return new ProxySpec(from.name(), from.listen(), upstreams, connect, onUpstreamFailure, onPeerReset,
                    limits, buffers, downstream, upstreamSocket, faults);
        }
    }
}
