package dev.synack.admin.inspect;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.synack.net.SocketAddressText;
import dev.synack.observe.OptionReading;
import dev.synack.proxy.ProxyServer;
import dev.synack.proxy.SocketReadings;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /synack/proxies/{p}/options}: every option of the listener socket and of the newest
 * connection's two sockets, each {@code {"name", "requested", "effective", "note", "differs"}} (requested
 * null where config leaves the kernel's default; note the kernel's reason when the two differ):
 * <pre>
 * {"proxy": "web", "listening": true, "address": "127.0.0.1:18080",
 *  "listener": [OPTION, ...],
 *  "connection": {"id": 7, "open": true, "downstream": [OPTION, ...], "upstream": [OPTION, ...] | null} | null}
 * </pre>
 */
public final class OptionsJson {
    private OptionsJson() {}

    public static ObjectNode of(ProxyServer p, Optional<SocketReadings> newest) {
        ObjectNode o = RegistryConnectionsJson.MAPPER.createObjectNode();
        o.put("proxy", p.name());
        o.put("listening", p.isListening());
        o.put("address", SocketAddressText.of(p.address()));
        o.set("listener", options(p.listenerOptions()));
        if (newest.isEmpty()) {
            o.putNull("connection");
            return o;
        }
        SocketReadings r = newest.get();
        ObjectNode c = o.putObject("connection");
        c.put("id", r.connection());
        c.put("open", r.open());
        c.set("downstream", options(r.downstream()));
        c.set("upstream", r.upstream() == null ? null : options(r.upstream()));
        return o;
    }

    private static ArrayNode options(List<OptionReading> readings) {
        ArrayNode list = RegistryConnectionsJson.MAPPER.createArrayNode();
        for (OptionReading r : readings) {
            ObjectNode o = list.addObject();
            o.put("name", r.name());
            o.put("requested", r.requested());
            o.put("effective", r.effective());
            o.put("note", r.note());
            o.put("differs", r.requestedAndDiffers());
        }
        return list;
    }
}
