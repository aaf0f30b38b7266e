package dev.synack.app;

import dev.synack.config.FaultSpec;
import dev.synack.config.SynackConfig;
import dev.synack.fault.Fault;
import dev.synack.proxy.ProxyRegistry;
import dev.synack.proxy.ProxyServer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The config synack runs now: the one it started with, its proxies replaced by the registry's (those the
 * API or code added included, each with the faults it holds now) and its seed by the one in use, so that
 * the result, saved, replays this run.
 */
final class EffectiveConfig {
    private EffectiveConfig() {}

    static SynackConfig of(SynackConfig started, long seed, ProxyRegistry registry) {
        return started.withSeed(seed).withProxies(registry.list().stream()
                .map(p -> p.spec().withFaults(faults(p))).toList());
    }

    private static List<FaultSpec> faults(ProxyServer p) {
        return p.faults().stream().map(EffectiveConfig::spec).toList();
    }

    static FaultSpec spec(Fault f) {
        Map<String, Object> attributes = new LinkedHashMap<>(f.attributeValues());
        return new FaultSpec(f.name(), f.type().name(), f.stream(), f.toxicity(), f.clients(), f.trigger(), attributes);
    }
}
