package dev.synack.admin.inspect;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.synack.proxy.ProxyRegistry;
import dev.synack.proxy.ProxyServer;
import java.util.List;

/**
 * {@code GET /synack/health}: that synack answers, and the few numbers that say it is doing its job —
 * {@code {"status": "ok", "version", "transport", "proxies", "listening", "connections", "mirror", "metrics"}}.
 * {@code listening} is the proxies whose listener is bound (a disabled proxy is not); the status stays
 * {@code ok} either way, since disabling a proxy is something a test does on purpose.
 */
public final class HealthJson {
    private HealthJson() {}

    public static ObjectNode of(ProxyRegistry registry, String version, String transport, boolean mirror, boolean metrics) {
        List<ProxyServer> proxies = registry.list();
        ObjectNode o = RegistryConnectionsJson.MAPPER.createObjectNode();
        o.put("status", "ok");
        o.put("version", version);
        o.put("transport", transport);
        o.put("proxies", proxies.size());
        o.put("listening", proxies.stream().filter(ProxyServer::isListening).count());
        o.put("connections", proxies.stream().mapToLong(ProxyServer::activeSessions).sum());
        o.put("mirror", mirror);
        o.put("metrics", metrics);
        return o;
    }
}
