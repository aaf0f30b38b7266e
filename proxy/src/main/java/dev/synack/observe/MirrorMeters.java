package dev.synack.observe;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Binds one proxy's mirror counts to Micrometer: a {@link Metric#SOCKETS} gauge per side, source and state
 * (every combination, so a state nobody is in reads 0) and a {@link Metric#DIVERGENCES} counter per kind.
 * Both read {@link MirrorCounts} when scraped; nothing runs on the event loop.
 */
final class MirrorMeters {
    private MirrorMeters() {}

    static void bind(MeterRegistry registry, String proxy, MirrorCounts counts) {
        for (Side side : Side.values()) {
            for (String source : new String[] {MirrorCounts.MIRROR, MirrorCounts.KERNEL}) {
                for (String state : counts.states(source)) {
                    Gauge.builder(Metric.SOCKETS.meterName(), counts, c -> c.sockets(proxy, side, source, state))
                            .description(Metric.SOCKETS.description())
                            .tags("proxy", proxy, "side", side.key(), "state", state, "source", source)
                            .register(registry);
                }
            }
        }
        for (String kind : counts.divergenceKinds()) {
            FunctionCounter.builder(Metric.DIVERGENCES.meterName(), counts, c -> c.divergences(proxy, kind))
                    .description(Metric.DIVERGENCES.description()).tags("proxy", proxy, "kind", kind).register(registry);
        }
    }
}
