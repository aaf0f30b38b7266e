package dev.synack.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the document root into a {@link SynackConfig} and runs the checks across proxies: no two proxies
 * share a name, and no two listen on the same address (port 0 never collides: each gets its own free port).
 */
final class RootReader {
    static final List<String> KEYS = List.of("admin", "transport", "shutdown", "seed", "metrics", "mirror", "access_log",
            "proxies");
    static final List<String> METRICS_KEYS = List.of("enabled", "toxiproxy", "tcp_info_every");
    static final List<String> ADMIN_KEYS = List.of("listen", "token", "insecure");
    static final List<String> SHUTDOWN_KEYS = List.of("drain");

    private static final Duration MAX_DRAIN = Duration.ofHours(24);

    private RootReader() {}

    static SynackConfig read(Node root) {
        boolean mapping = root.mapping(KEYS, Expect.mappingOf(KEYS));
        if (!mapping && root.present()) {
            return null;
        }
        AdminSpec admin = admin(root.get("admin"));
        TransportKind transport = Values.choice(root.get("transport"), TransportKind.values(), TransportKind::configName);
        ShutdownSpec shutdown = shutdown(root.get("shutdown"));
        Long seed = root.get("seed").integer(Long.MIN_VALUE, Long.MAX_VALUE, Expect.SEED);
        List<ProxySpec> proxies = proxies(root.get("proxies"), root.get("admin").get("listen"), admin);
        MirrorSpec mirror = MirrorReader.read(root.get("mirror"));
        Node enabled = root.get("mirror").get("enabled");
        if (!mirror.enabled() && (!enabled.present() || enabled.value().isBoolean())) {
            // (a misspelt enabled is its own error: no second one per trigger)
            FaultReader.requireMirror(root.get("proxies"));
        }
        AccessLogSpec accessLog = AccessLogReader.read(root.get("access_log"));
        return new SynackConfig(admin, Values.or(transport, Defaults.TRANSPORT), shutdown, proxies, seed, metrics(root.get("metrics")),
                mirror, accessLog);
    }

    private static AdminSpec admin(Node n) {
        if (!n.mapping(ADMIN_KEYS, Expect.mappingOf(ADMIN_KEYS))) {
            return AdminSpec.DEFAULT;
        }
        return AdminReader.read(n);
    }

    private static MetricsSpec metrics(Node n) {
        if (!n.mapping(METRICS_KEYS, Expect.mappingOf(METRICS_KEYS))) {
            return MetricsSpec.DEFAULT;
        }
        Long every = n.get("tcp_info_every").integer(0, 1_000_000);
        return new MetricsSpec(Values.or(n.get("enabled").bool(), MetricsSpec.DEFAULT.enabled()),
                Values.or(n.get("toxiproxy").bool(), MetricsSpec.DEFAULT.toxiproxy()),
                every == null ? MetricsSpec.TCP_INFO_EVERY : every.intValue());
    }

    private static ShutdownSpec shutdown(Node n) {
        if (!n.mapping(SHUTDOWN_KEYS, Expect.mappingOf(SHUTDOWN_KEYS))) {
            return ShutdownSpec.DEFAULT;
        }
        return new ShutdownSpec(Values.or(Values.duration(n.get("drain"), Duration.ZERO, MAX_DRAIN), ShutdownSpec.DEFAULT.drain()));
    }

    private static List<ProxySpec> proxies(Node n, Node adminListen, AdminSpec admin) {
        if (!n.require(Expect.NON_EMPTY_PROXIES)) {
            return List.of();
        }
        List<Node> items = n.list(Expect.PROXIES);
        if (items == null) {
            return List.of();
        }
        if (items.isEmpty()) {
            n.fail(Expect.NON_EMPTY_PROXIES);
        }
        List<ProxySpec> proxies = new ArrayList<>();
        Map<String, Node> names = new HashMap<>();
        Map<String, Node> listens = new HashMap<>();
        for (Node item : items) {
            ProxySpec p = ProxyReader.read(item);
            if (p == null) {
                continue;
            }
            proxies.add(p);
            if (p.name() != null) {
                unique(item.get("name"), p.name(), names, "name");
            }
            if (p.listen() != null && p.listen().port() != 0) {
                unique(item.get("listen"), Addresses.normalized(p.listen()), listens, "address");
            }
        }
        apartFromAdmin(adminListen, admin, listens);
        return proxies;
    }

    /** The admin API cannot share an address with a proxy: one of the two binds would fail. */
    private static void apartFromAdmin(Node adminListen, AdminSpec admin, Map<String, Node> listens) {
        Node proxyListen = admin.listen() == null || admin.listen().port() == 0 ? null
                : listens.get(Addresses.normalized(admin.listen()));
        if (proxyListen == null) {
            return;
        }
        if (adminListen.present()) {
            adminListen.fail(Expect.apartFromProxies(owner(proxyListen)));
        } else {
            proxyListen.fail(Expect.APART_FROM_DEFAULT_ADMIN);
        }
    }

    /** Records the first holder of {@code key}, or an error naming it when a later proxy has the same key. */
    private static void unique(Node field, String key, Map<String, Node> holders, String what) {
        Node holder = holders.putIfAbsent(key, field);
        if (holder != null) {
            field.fail(Expect.unique(what, owner(holder)));
        }
    }

    /** The proxy a field belongs to: {@code proxies[0]} for {@code proxies[0].listen}. */
    private static String owner(Node field) {
        return field.path().substring(0, field.path().lastIndexOf('.'));
    }
}
