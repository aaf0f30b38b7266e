package dev.synack.admin.inspect;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.synack.config.AdminSpec;
import dev.synack.config.Cidr;
import dev.synack.config.FaultSpec;
import dev.synack.config.MirrorSpec;
import dev.synack.config.ProxySpec;
import dev.synack.config.SynackConfig;
import dev.synack.config.Units;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /synack/config}: the config synack runs now, in config syntax — snake_case keys, durations as
 * {@code 2s}, sizes in bytes — so that it loads again as a JSON config file. It holds what the API and
 * code changed too (proxies added, faults added), and the seed of this run. Every default is written out.
 * {@code admin.token} is never shown: it reads {@code "(redacted)"} when one is set.
 */
public final class ConfigJson {
    public static final String REDACTED = "(redacted)";

    private ConfigJson() {}

    public static ObjectNode of(SynackConfig c) {
        ObjectNode o = RegistryConnectionsJson.MAPPER.createObjectNode();
        o.set("admin", admin(c.admin()));
        o.put("transport", c.transport().configName());
        o.putObject("shutdown").put("drain", duration(c.shutdown().drain()));
        if (c.seed() == null) {
            o.putNull("seed");
        } else {
            o.put("seed", c.seed());
        }
        o.putObject("metrics").put("enabled", c.metrics().enabled()).put("toxiproxy", c.metrics().toxiproxy());
        o.set("mirror", mirror(c.mirror()));
        ArrayNode proxies = o.putArray("proxies");
        c.proxies().forEach(p -> proxies.add(proxy(p)));
        return o;
    }

    private static ObjectNode admin(AdminSpec a) {
        ObjectNode o = RegistryConnectionsJson.MAPPER.createObjectNode();
        o.put("listen", a.listen() == null ? "off" : a.listen().toString());
        if (a.token() != null) {
            o.put("token", REDACTED);
        }
        o.put("insecure", a.insecure());
        return o;
    }

    private static ObjectNode mirror(MirrorSpec m) {
        ObjectNode o = RegistryConnectionsJson.MAPPER.createObjectNode();
        o.put("enabled", m.enabled());
        o.put("kernel_poll", duration(m.kernelPoll()));
        o.put("keep_closed", duration(m.keepClosed()));
        o.put("max_tracked", m.maxTracked());
        o.put("divergence_grace", duration(m.divergenceGrace()));
        o.put("handshake_reads", m.handshakeReads());
        return o;
    }

    private static ObjectNode proxy(ProxySpec p) {
        ObjectNode o = RegistryConnectionsJson.MAPPER.createObjectNode();
        o.put("name", p.name());
        o.put("listen", p.listen().toString());
        ArrayNode upstreams = o.putArray("upstreams");
        p.upstreams().forEach(u -> upstreams.add(u.toString()));
        ObjectNode connect = o.putObject("connect");
        connect.put("timeout", duration(p.connect().timeout())).put("attempts", p.connect().attempts());
        connect.putObject("backoff").put("initial", duration(p.connect().backoff().initial()))
                .put("multiplier", p.connect().backoff().multiplier()).put("max", duration(p.connect().backoff().max()))
                .put("jitter", p.connect().backoff().jitter());
        o.put("on_upstream_failure", p.onUpstreamFailure().name().toLowerCase(Locale.ROOT));
        o.put("on_peer_reset", p.onPeerReset().name().toLowerCase(Locale.ROOT));
        o.putObject("limits").put("max_connections", p.limits().maxConnections())
                .put("max_connections_per_client", p.limits().maxConnectionsPerClient())
                .put("idle_timeout", duration(p.limits().idleTimeout())).put("max_duration", duration(p.limits().maxDuration()));
        o.putObject("buffers").put("read_size", p.buffers().readSize()).put("high_watermark", p.buffers().highWatermark())
                .put("low_watermark", p.buffers().lowWatermark());
        o.set("downstream", SocketOptionsJson.of(p.downstream(), true));
        o.set("upstream_socket", SocketOptionsJson.of(p.upstreamSocket(), false));
        ArrayNode faults = o.putArray("faults");
        p.faults().forEach(f -> faults.add(fault(f)));
        return o;
    }

    private static ObjectNode fault(FaultSpec f) {
        ObjectNode o = RegistryConnectionsJson.MAPPER.createObjectNode();
        o.put("name", f.name());
        o.put("type", f.type());
        o.put("stream", f.stream().configName());
        o.put("toxicity", f.toxicity());
        if (!f.clients().isEmpty()) {
            ArrayNode clients = o.putArray("clients");
            f.clients().stream().map(Cidr::toString).forEach(clients::add);
        }
        if (f.trigger().afterBytes() > 0) {
            o.putObject("trigger").put("after_bytes", f.trigger().afterBytes());
        } else if (!f.trigger().after().isZero()) {
            o.putObject("trigger").put("after", duration(f.trigger().after()));
        } else if (f.trigger().onState() != null) {
            o.putObject("trigger").putObject("on_state").put("socket", f.trigger().onState().socket().configName())
                    .put("state", f.trigger().onState().state());
        }
        ObjectNode attributes = o.putObject("attributes");
        for (Map.Entry<String, Object> a : f.attributes().entrySet()) {
            attributes.set(a.getKey(), RegistryConnectionsJson.MAPPER.valueToTree(a.getValue()));
        }
        return o;
    }

    static String duration(Duration d) {
        return Units.formatDuration(d);
    }
}
