package dev.synack.app;

import dev.synack.config.ConfigError;
import dev.synack.config.ProxySpec;
import dev.synack.proxy.ProxyRegistry;
import dev.synack.proxy.ProxyServer;
import dev.synack.proxy.RegistryException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies a {@link ReloadPlan} to the registry, in the order that frees what the next step may need:
 * removals (their addresses), then changes, then additions. A step the registry refuses (an address in
 * use) is an error on the entry's path and the others still apply; it is not recorded as applied, so the
 * next reload tries it again. Keeps the specs the file's proxies were last applied with.
 *
 * <p>A removed proxy's listener closes at once; its open connections are left to end on their own (a
 * reload is no reason to cut a transfer), and a shutdown drains them like any other.
 */
final class ReloadApplier {
    private final ProxyRegistry registry;
    private final Map<String, ProxySpec> fromFile = new LinkedHashMap<>();

    ReloadApplier(ProxyRegistry registry, List<ProxySpec> started) {
        this.registry = registry;
        started.forEach(p -> fromFile.put(p.name(), p));
    }

    /** The proxies the file names, with the specs they were last applied with. */
    Map<String, ProxySpec> fromFile() {
        return Collections.unmodifiableMap(fromFile);
    }

    ReloadResult apply(ReloadPlan plan) {
        List<String> changes = new ArrayList<>();
        List<ConfigError> errors = new ArrayList<>();
        for (String name : plan.removed()) {
            try {
                int open = registry.get(name).map(ProxyServer::activeSessions).orElse(0);
                registry.remove(name, false);
                fromFile.remove(name);
                changes.add("removed proxy " + name + ": its listener is closed" + (open == 0 ? ""
                        : "; its " + open + (open == 1 ? " open connection goes on until it ends" : " open connections go on until they end")));
            } catch (RegistryException e) {
                errors.add(new ConfigError("proxies", "no " + name + " any more", "a proxy synack can remove (" + e.getMessage() + ")"));
            }
        }
        for (ReloadPlan.Change c : plan.changed()) {
            String name = c.spec().name();
            try {
                boolean takeover = !fromFile.containsKey(name);
                if (c.settings()) {
                    registry.update(c.spec());
                }
                if (c.faults()) {
                    registry.replaceFaults(name, c.spec().faults());
                }
                fromFile.put(name, c.spec());
                changes.add((takeover ? "proxy " + name + " (made through the API) now follows the file: " : "updated proxy " + name + ": ")
                        + what(c));
            } catch (RegistryException e) {
                errors.addAll(errorsOf(c.index(), e));
            }
        }
        for (ReloadPlan.Indexed a : plan.added()) {
            try {
                ProxyServer server = registry.add(a.spec(), true);
                fromFile.put(a.spec().name(), a.spec());
                changes.add("added proxy " + a.spec().name() + " listening on " + server.address());
            } catch (RegistryException e) {
                errors.addAll(errorsOf(a.index(), e));
            }
        }
        return new ReloadResult(false, changes, List.of(), errors);
    }

    private static String what(ReloadPlan.Change c) {
        if (c.settings() && c.faults()) {
            return "new settings for new connections, its faults on open connections too";
        }
        return c.settings() ? "new settings for new connections; open ones keep theirs" : "its faults, on open connections too";
    }

    /** The registry's errors on the entry's path: {@code proxies[2].listen: ...}. */
    private static List<ConfigError> errorsOf(int index, RegistryException e) {
        String prefix = "proxies[" + index + "]";
        if (e.errors().isEmpty()) {
            return List.of(new ConfigError(prefix, "not applied", e.getMessage()));
        }
        List<ConfigError> out = new ArrayList<>();
        e.errors().forEach(err -> out.add(new ConfigError(prefix + "." + err.path(), err.found(), err.expected())));
        return out;
    }
}
