package dev.synack.mirror;

import dev.synack.mirror.model.LinuxTcpState;
import dev.synack.observe.CloseReason;
import dev.synack.observe.ConnectOutcome;
import dev.synack.observe.ConnectionSummary;
import dev.synack.observe.Peer;
import dev.synack.observe.Side;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Drives a {@link MirrorEngine} with synthetic events of one connection, a scripted kernel and a manual
 * clock: each call is one relay event at the current time; {@link #loop()} runs the session loop's tasks
 * (the tcp_info read after a transition), {@link #poll()} one poll of the kernel.
 */
final class Script {
    static final Duration GRACE = Duration.ofSeconds(5);

    final FakeKernel kernel = new FakeKernel();
    final FakeConnection c;
    final MirrorEngine engine;
    long now = TimeUnit.SECONDS.toNanos(1000);

    Script() {
        this(1, new MirrorOptions(Duration.ofSeconds(1), Duration.ofSeconds(30), 100, GRACE, 1_000));
    }

    Script(long id, MirrorOptions options) {
        c = new FakeConnection(id);
        engine = new MirrorEngine(kernel, options, () -> now);
    }

    Script at(long millis) {
        now = TimeUnit.SECONDS.toNanos(1000) + TimeUnit.MILLISECONDS.toNanos(millis);
        return this;
    }

    Script kernel(Side side, LinuxTcpState s) {
        kernel.state(c, side, s);
        return this;
    }

    Script accepted() {
        engine.accepted(c, now);
        return this;
    }

    Script connect() {
        engine.connectStarted(c, c.upstream(), 1, now);
        return this;
    }

    Script connected() {
        c.connectedUpstream();
        engine.connected(c, c.upstream(), 1, now);
        return this;
    }

    Script connectFailed(ConnectOutcome outcome) {
        engine.connectFailed(c, c.upstream(), 1, outcome, new IOException(outcome.key()), now);
        return this;
    }

    Script finRead(Side side) {
        engine.finRead(c, side, now);
        return this;
    }

    Script finSent(Side side) {
        engine.finSent(c, side, now);
        return this;
    }

    Script rstRead(Side side) {
        engine.resetRead(c, side, now);
        return this;
    }

    Script rstSent(Side side) {
        engine.resetSent(c, side, now);
        return this;
    }

    Script error(Side side, String message) {
        engine.socketError(c, side, new IOException(message), now);
        return this;
    }

    Script fdClosed(Side side) {
        c.closeFd(side);
        engine.socketClosed(c, side, now);
        return this;
    }

    Script ended(CloseReason reason, Peer first) {
        c.ended();
        engine.closed(new ConnectionSummary(c.id(), c.proxy(), c.client(), c.upstream(), 1, 1, now, 68, 107, 0, 0, first, reason,
                List.of(), List.of()));
        return this;
    }

    Script loop() {
        c.runLoop();
        return this;
    }

    /** One poll of the kernel: a scan, then the session loop's reads. */
    Script poll() {
        engine.sampleNow();
        c.runLoop();
        return this;
    }

    ConnectionView view() {
        return engine.queries().connection(c.id()).orElseThrow();
    }

    SocketView socket(Side side) {
        return side == Side.DOWNSTREAM ? view().downstream() : view().upstream();
    }

    /** One socket's timeline as {@code event STATE[~] kernel} lines ({@code ~}: inferred). */
    List<String> steps(Side side) {
        return view().timeline().stream().filter(e -> e.socket() == side)
                .map(e -> e.event().key() + " " + e.mirrorState() + (e.inferred() ? "~" : "") + " "
                        + (e.kernelState() == null ? "?" : e.kernelState()))
                .toList();
    }

    static InetSocketAddress any() {
        return new InetSocketAddress("127.0.0.1", 1);
    }
}
