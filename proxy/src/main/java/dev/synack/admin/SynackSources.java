package dev.synack.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.synack.config.SynackConfig;
import dev.synack.mirror.MirrorQueries;
import dev.synack.proxy.ProxyRegistry;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What synack's own routes ({@code /synack/...}) read, beyond Toxiproxy's backend: the live registry, the
 * mirror's queries (null when the mirror is off), the effective config, the doctor's report as JSON (built
 * by the composition root, which knows the transport and the kernel), and two facts for health.
 *
 * @param transport the transport's config name ({@code epoll})
 * @param metrics   whether metrics are kept (and {@code /metrics} served)
 */
public record SynackSources(ProxyRegistry registry, MirrorQueries mirror, Supplier<SynackConfig> config,
        Supplier<JsonNode> doctor, String transport, boolean metrics) {
    public SynackSources {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(doctor, "doctor");
        Objects.requireNonNull(transport, "transport");
    }
}
