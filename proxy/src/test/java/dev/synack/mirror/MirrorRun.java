package dev.synack.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.config.ConfigException;
import dev.synack.config.MirrorSpec;
import dev.synack.observe.ConnectionSummary;
import dev.synack.observe.Side;
import dev.synack.testkit.RecordingObserver;
import dev.synack.testkit.RunningProxy;
import dev.synack.testkit.TestConfigs;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A synack with the mirror engine on, and the conformance suite's moves: a checkpoint (one poll now, then
 * both proxy sockets must agree with the kernel), waiting for a kernel state, and the timeline of each
 * socket as {@code event STATE} lines. Every checkpoint is counted in the suite's table.
 */
final class MirrorRun implements AutoCloseable {
    /** Short enough that a divergence scenario needs no long wait; long enough for loopback's ACKs. */
    static final Duration GRACE = Duration.ofMillis(800);
    /** How long the kernel may take to drop a socket after an exchange that leaves none (LAST_ACK, RST). */
    static final Duration SETTLE = Duration.ofSeconds(10);

    private final RunningProxy proxy;
    private final MirrorEngine engine;
    private final String scenario;

    private MirrorRun(RunningProxy proxy, String scenario) {
        this.proxy = proxy;
        this.engine = proxy.synack().mirror().orElseThrow();
        this.scenario = scenario;
    }

    static MirrorRun start(String scenario, TestConfigs config) throws ConfigException {
        MirrorSpec spec = new MirrorSpec(true, Duration.ofMillis(200), Duration.ofSeconds(30), 10_000, GRACE, 1_000);
        return new MirrorRun(RunningProxy.start(config.withMirror(spec)), scenario);
    }

    RunningProxy proxy() {
        return proxy;
    }

    RecordingObserver events() {
        return proxy.observer();
    }

    MirrorEngine engine() {
        return engine;
    }

    /** The id of the only session so far (waits for its accept). */
    long onlyConnection() {
        return events().awaitEvent(RecordingObserver.Kind.ACCEPTED).connection();
    }

    ConnectionSummary awaitClosed(long id) {
        return events().awaitSummary(s -> s.id() == id);
    }

    void awaitEvent(RecordingObserver.Kind kind, long id, Side side) {
        events().awaitEvent(kind, e -> e.connection() == id && (side == null || e.side() == side));
    }

    /** Polls the kernel now and returns the connection as the mirror then sees it. */
    ConnectionView sample(long id) {
        try {
            engine.sampleNow().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the mirror's poll did not complete", e);
        }
        return engine.queries().connection(id).orElseThrow(() -> new AssertionError("the mirror does not know #" + id));
    }

    /** A checkpoint: polls, then both proxy sockets must agree with the kernel; counted in the suite's table. */
    ConnectionView checkpoint(long id, String what) {
        ConnectionView v = sample(id);
        boolean agreed = v.downstream().agree() && (v.upstream() == null || v.upstream().agree());
        ConformanceTable.record(label(), agreed);
        assertThat(agreed).as("%s at checkpoint '%s': both sockets agree with the kernel%n%s", scenario, what,
                SequenceDiagram.render(v)).isTrue();
        return v;
    }

    /**
     * Polls until {@code side} reports a divergence of {@code kind} (the grace must pass first), and counts
     * the checkpoint as a divergence found as expected.
     */
    Divergence awaitDivergence(long id, Side side, DivergenceKind kind) {
        long deadline = System.nanoTime() + GRACE.toNanos() + SETTLE.toNanos();
        while (true) {
            ConnectionView v = sample(id);
            SocketView s = side == Side.DOWNSTREAM ? v.downstream() : v.upstream();
            for (Divergence d : s.divergences()) {
                if (d.kind() == kind) {
                    ConformanceTable.diverged(label());
                    assertThat(s.agree()).isFalse();
                    return d;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + kind.key() + " on " + side + "\n" + SequenceDiagram.render(v));
            }
        }
    }

    private String label() {
        return scenario + " [" + proxy.synack().transport().transport().configName() + "]";
    }

    /**
     * Polls until {@code side}'s kernel state is {@code label} (bounded: the kernel's own timers, such as
     * TIME_WAIT's, decide when), then checkpoints.
     */
    ConnectionView awaitKernel(long id, Side side, String label, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            ConnectionView v = sample(id);
            SocketView s = side == Side.DOWNSTREAM ? v.downstream() : v.upstream();
            if (label.equals(s.kernelState())) {
                return checkpoint(id, side + " kernel " + label);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("kernel never reported " + label + " for " + side + " within " + within + "\n"
                        + SequenceDiagram.render(v));
            }
        }
    }

    /** One socket's steps, as {@code event STATE} lines (inferred or not: that depends on when the kernel was read). */
    static List<String> steps(ConnectionView v, Side side) {
        return v.timeline().stream().filter(e -> e.socket() == side)
                .map(e -> e.event().key() + " " + e.mirrorState()).toList();
    }

    @Override
    public void close() {
        proxy.close();
    }
}
