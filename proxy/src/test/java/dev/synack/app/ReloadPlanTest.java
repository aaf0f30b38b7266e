package dev.synack.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.config.AccessLogSpec;
import dev.synack.config.AdminSpec;
import dev.synack.config.FaultSpec;
import dev.synack.config.FaultStream;
import dev.synack.config.HostPort;
import dev.synack.config.MetricsSpec;
import dev.synack.config.ProxySpec;
import dev.synack.config.ShutdownSpec;
import dev.synack.config.SynackConfig;
import dev.synack.config.TransportKind;
import dev.synack.config.TriggerSpec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What a reload changes: only what the file's edit changed, the file winning for the proxies it names,
 * proxies made through the API left alone otherwise, and the top-level keys that need a restart listed.
 */
class ReloadPlanTest {
    private static final ProxySpec WEB = ProxySpec.of("web", new HostPort("127.0.0.1", 0), new HostPort("127.0.0.1", 8080));
    private static final ProxySpec DB = ProxySpec.of("db", new HostPort("127.0.0.1", 0), new HostPort("127.0.0.1", 5432));
    private static final FaultSpec LAG = new FaultSpec("lag", "latency", FaultStream.DOWNSTREAM, 1.0, List.of(), TriggerSpec.NONE,
            Map.of("latency", 100L));

    @Test
    void anUnchangedFileChangesNothing() {
        ReloadPlan plan = plan(List.of(WEB, DB), Set.of("web", "db"), List.of(WEB, DB));
        assertThat(plan.isEmpty()).isTrue();
        assertThat(plan.needsRestart()).isEmpty();
    }

    @Test
    void removedChangedAndAddedEntries() {
        ProxySpec web2 = WEB.withUpstreams(List.of(new HostPort("127.0.0.1", 8081)));
        ProxySpec cache = ProxySpec.of("cache", new HostPort("127.0.0.1", 0), new HostPort("127.0.0.1", 6379));
        ReloadPlan plan = plan(List.of(WEB, DB), Set.of("web", "db"), List.of(cache, web2));
        assertThat(plan.removed()).containsExactly("db");
        assertThat(plan.changed()).containsExactly(new ReloadPlan.Change(1, web2, true, false));
        assertThat(plan.added()).containsExactly(new ReloadPlan.Indexed(0, cache));
    }

    @Test
    void aFaultOnlyChangeLeavesTheSettingsAlone() {
        ProxySpec lagging = WEB.withFaults(List.of(LAG));
        assertThat(plan(List.of(WEB), Set.of("web"), List.of(lagging)).changed())
                .containsExactly(new ReloadPlan.Change(0, lagging, false, true));
    }

    @Test
    void aProxyMadeThroughTheApiStaysUnlessTheFileNamesIt() {
        assertThat(plan(List.of(WEB), Set.of("web", "api"), List.of(WEB)).isEmpty()).isTrue();
        ProxySpec api = ProxySpec.of("api", new HostPort("127.0.0.1", 0), new HostPort("127.0.0.1", 9000));
        assertThat(plan(List.of(WEB), Set.of("web", "api"), List.of(WEB, api)).changed())
                .as("named by the file now: the file's entry replaces it, settings and faults")
                .containsExactly(new ReloadPlan.Change(1, api, true, true));
    }

    @Test
    void aFileProxyDeletedThroughTheApiStaysDeletedUntilItsEntryChanges() {
        assertThat(plan(List.of(WEB, DB), Set.of("web"), List.of(WEB, DB)).isEmpty()).isTrue();
        ProxySpec db2 = DB.withFaults(List.of(LAG));
        assertThat(plan(List.of(WEB, DB), Set.of("web"), List.of(WEB, db2)).added()).containsExactly(new ReloadPlan.Indexed(1, db2));
    }

    @Test
    void topLevelKeysThatCannotChangeLiveAreListed() {
        SynackConfig running = config(List.of(WEB));
        SynackConfig next = new SynackConfig(new AdminSpec(new HostPort("127.0.0.1", 9999)), TransportKind.NIO,
                new ShutdownSpec(Duration.ofSeconds(1)), List.of(WEB), 7L, new MetricsSpec(false, false),
                running.mirror().withEnabled(true), new AccessLogSpec(true, "-"));
        assertThat(ReloadPlan.needsRestart(running, next))
                .containsExactly("admin.listen", "transport", "seed", "metrics", "mirror", "access_log");
    }

    private static ReloadPlan plan(List<ProxySpec> fromFile, Set<String> live, List<ProxySpec> next) {
        Map<String, ProxySpec> before = new LinkedHashMap<>();
        fromFile.forEach(p -> before.put(p.name(), p));
        return ReloadPlan.of(config(fromFile), before, live, config(next));
    }

    private static SynackConfig config(List<ProxySpec> proxies) {
        return new SynackConfig(AdminSpec.DEFAULT, TransportKind.AUTO, ShutdownSpec.DEFAULT, proxies);
    }
}
