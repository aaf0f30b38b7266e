package dev.synack.app;

import dev.synack.config.AdminSpec;
import dev.synack.config.ProxySpec;
import dev.synack.config.SynackConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What one reload changes, worked out from three things: the proxies the file named when it was last
 * applied (with the specs applied then), the proxies live now (the admin API may have added, changed or
 * deleted some), and the file's new config. The file is the truth for the proxies it names, and only for
 * the edits made to it: an entry that did not change leaves its proxy alone (changes made through the API
 * included); a proxy created through the API stays unless the file names it, and then the file's entry
 * replaces it. Top-level keys that cannot change while synack runs are listed, not applied.
 *
 * @param removed proxies the file named and names no more (and that are still live)
 * @param changed proxies whose entry changed, or live proxies the file now names
 * @param added proxies the file names that are not live
 * @param needsRestart the top-level keys that differ from the running config and cannot change live
 */
record ReloadPlan(List<String> removed, List<Change> changed, List<Indexed> added, List<String> needsRestart) {
    /** An entry of the file's proxy list, with its index (for error paths). */
    record Indexed(int index, ProxySpec spec) {}

    /**
     * A proxy to change in place. {@code settings}: anything but the faults changed (new connections get
     * it); {@code faults}: the fault list changed (live connections get it too).
     */
    record Change(int index, ProxySpec spec, boolean settings, boolean faults) {}

    static ReloadPlan of(SynackConfig running, Map<String, ProxySpec> fromFile, Set<String> live, SynackConfig next) {
        List<String> removed = new ArrayList<>();
        Set<String> named = new HashSet<>();
        next.proxies().forEach(p -> named.add(p.name()));
        for (String name : fromFile.keySet()) {
            if (!named.contains(name) && live.contains(name)) {
                removed.add(name);
            }
        }
        List<Change> changed = new ArrayList<>();
        List<Indexed> added = new ArrayList<>();
        for (int i = 0; i < next.proxies().size(); i++) {
            ProxySpec spec = next.proxies().get(i);
            ProxySpec before = fromFile.get(spec.name());
            if (!live.contains(spec.name())) {
                // new in the file, or deleted through the API since: an entry that did not change stays deleted
                if (before == null || !before.equals(spec)) {
                    added.add(new Indexed(i, spec));
                }
            } else if (before == null) {
                changed.add(new Change(i, spec, true, true));
            } else if (!before.equals(spec)) {
                changed.add(new Change(i, spec, !before.withFaults(List.of()).equals(spec.withFaults(List.of())),
                        !before.faults().equals(spec.faults())));
            }
        }
        return new ReloadPlan(removed, changed, added, needsRestart(running, next));
    }

    /** Top-level keys whose change needs a new process: everything but proxies and shutdown. */
    static List<String> needsRestart(SynackConfig running, SynackConfig next) {
        List<String> keys = new ArrayList<>();
        AdminSpec a = running.admin();
        AdminSpec b = next.admin();
        differs(keys, "admin.listen", a.listen(), b.listen());
        differs(keys, "admin.token", a.token(), b.token());
        differs(keys, "admin.insecure", a.insecure(), b.insecure());
        differs(keys, "transport", running.transport(), next.transport());
        differs(keys, "seed", running.seed(), next.seed());
        differs(keys, "metrics", running.metrics(), next.metrics());
        differs(keys, "mirror", running.mirror(), next.mirror());
        differs(keys, "access_log", running.accessLog(), next.accessLog());
        return keys;
    }

    private static void differs(List<String> keys, String key, Object a, Object b) {
        if (!Objects.equals(a, b)) {
            keys.add(key);
        }
    }

    boolean isEmpty() {
        return removed.isEmpty() && changed.isEmpty() && added.isEmpty();
    }
}
