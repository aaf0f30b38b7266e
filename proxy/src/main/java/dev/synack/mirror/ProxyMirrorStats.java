package dev.synack.mirror;

import dev.synack.mirror.model.TcpState;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One proxy's mirror counts for the metrics layer: its tracked sockets by mirror state and by kernel state
 * (kernel labels include {@code GONE}; sockets never read are left out), the TIME_WAIT and CLOSE_WAIT
 * sockets the kernel reports, and the divergences counted so far by kind.
 */
public record ProxyMirrorStats(String proxy, Map<TcpState, Integer> byMirrorState, Map<String, Integer> byKernelState,
                               int timeWait, int closeWait, Map<DivergenceKind, Long> divergences) {
    static List<ProxyMirrorStats> of(List<ConnectionView> views, DivergenceCounters counters) {
        TreeSet<String> proxies = new TreeSet<>();
        views.forEach(v -> proxies.add(v.proxy()));
        counters.proxies().forEach(proxies::add);
        List<ProxyMirrorStats> stats = new ArrayList<>();
        for (String proxy : proxies) {
            Map<TcpState, Integer> mirror = new EnumMap<>(TcpState.class);
            Map<String, Integer> kernel = new TreeMap<>();
            for (ConnectionView v : views) {
                if (v.proxy().equals(proxy)) {
                    count(v.downstream(), mirror, kernel);
                    if (v.upstream() != null) {
                        count(v.upstream(), mirror, kernel);
                    }
                }
            }
            stats.add(new ProxyMirrorStats(proxy, mirror, kernel, kernel.getOrDefault("TIME_WAIT", 0),
                    kernel.getOrDefault("CLOSE_WAIT", 0), counters.of(proxy)));
        }
        return stats;
    }

    private static void count(SocketView s, Map<TcpState, Integer> mirror, Map<String, Integer> kernel) {
        mirror.merge(s.mirrorState(), 1, Integer::sum);
        if (s.kernelState() != null) {
            kernel.merge(s.kernelState(), 1, Integer::sum);
        }
    }
}
