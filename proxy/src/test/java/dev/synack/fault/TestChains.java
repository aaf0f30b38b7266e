package dev.synack.fault;

import dev.synack.config.FaultStream;
import dev.synack.time.Clock;
import io.netty.channel.ChannelPipeline;
import java.net.InetSocketAddress;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/** Helpers for tests that put fault handlers into real channels' pipelines. */
public final class TestChains {
    private TestChains() {}

    /** A context of the real clock, for a client at {@code client}; applied and discarded are not recorded. */
    public static FaultContext context(FaultStream stream, InetSocketAddress client) {
        RandomGenerator random = new SplittableRandom(1);
        return new FaultContext() {
            @Override public long connectionId() { return 1; }
            @Override public InetSocketAddress client() { return client; }
            @Override public FaultStream stream() { return stream; }
            @Override public Clock clock() { return Clock.SYSTEM; }
            @Override public RandomGenerator random() { return random; }
            @Override public void applied(Fault fault) {}
            @Override public void discarded(long bytes) {}
        };
    }

    /**
     * Installs a handler built outside the registry (one with a test's own resources) as the chain
     * would, with writability bit 1. Call on the channel's event loop.
     */
    public static void install(ChannelPipeline pipeline, FaultHandler handler, Fault fault) {
        handler.bind(fault, 1, null);
        pipeline.addAfter(FaultChain.TAIL, FaultChain.PREFIX + fault.name(), handler);
    }
}
