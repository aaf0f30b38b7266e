package dev.synack.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a proxy's {@code faults} list: the common fields of each entry (name, type, stream, toxicity,
 * clients, trigger) with their checks and defaults, and the attributes as raw values. Whether the type
 * exists and the attributes fit it is the fault registry's to say, where the config is checked as a whole.
 */
final class FaultReader {
    static final List<String> KEYS = List.of("name", "type", "stream", "toxicity", "clients", "trigger", "attributes");
    static final List<String> TRIGGER_KEYS = List.of("after_bytes", "after", "on_state");
    static final List<String> ON_STATE_KEYS = List.of("socket", "state");

    private FaultReader() {}

    static List<FaultSpec> read(Node n) {
        List<Node> items = n.list(Expect.FAULTS);
        if (items == null) {
            return List.of();
        }
        List<FaultSpec> faults = new ArrayList<>();
        Map<String, Node> names = new HashMap<>();
        for (Node item : items) {
            FaultSpec f = fault(item);
            if (f != null) {
                faults.add(f);
                unique(item, f, names);
            }
        }
        return faults;
    }

    private static FaultSpec fault(Node n) {
        if (!n.present()) {
            return n.fail(Expect.mappingOf(KEYS));
        }
        if (!n.mapping(KEYS, Expect.mappingOf(KEYS))) {
            return null;
        }
        String type = n.get("type").require(Expect.FAULT_TYPE) ? n.get("type").text(Expect.FAULT_TYPE) : null;
        FaultStream stream = Values.or(Values.choice(n.get("stream"), FaultStream.values(), FaultStream::configName),
                FaultStream.DEFAULT);
        Node nameNode = n.get("name");
        String name = nameNode.present() ? nameNode.text(Expect.NAME) : type == null ? null : FaultSpec.defaultName(type, stream);
        if (nameNode.present() && name != null && !ProxyReader.NAME.matcher(name).matches()) {
            name = nameNode.fail(Expect.NAME);
        }
        double toxicity = Values.or(n.get("toxicity").number(0, 1, Expect.TOXICITY), 1.0);
        return new FaultSpec(name, type, stream, toxicity, clients(n.get("clients")), trigger(n.get("trigger")),
                attributes(n.get("attributes")));
    }

    private static List<Cidr> clients(Node n) {
        List<Node> items = n.list(Expect.CLIENTS);
        if (items == null) {
            return List.of();
        }
        if (items.isEmpty()) {
            n.fail(Expect.CLIENTS);
        }
        List<Cidr> blocks = new ArrayList<>();
        for (Node item : items) {
            String text = item.require(Expect.CIDR) ? item.text(Expect.CIDR) : null;
            Cidr c = text == null ? null : Cidr.parse(text);
            if (c != null) {
                blocks.add(c);
            } else if (text != null) {
                item.fail(Expect.CIDR);
            }
        }
        return blocks;
    }

    private static TriggerSpec trigger(Node n) {
        if (!n.mapping(TRIGGER_KEYS, Expect.mappingOf(TRIGGER_KEYS))) {
            return TriggerSpec.NONE;
        }
        Long bytes = n.get("after_bytes").integer(0, Long.MAX_VALUE);
        Duration after = Values.duration(n.get("after"), Duration.ZERO, Duration.ofHours(24));
        OnStateSpec onState = onState(n.get("on_state"));
        if (TRIGGER_KEYS.stream().filter(k -> n.get(k).present()).count() > 1) {
            n.fail(Expect.ONE_TRIGGER);
            return TriggerSpec.NONE;
        }
        return bytes != null ? TriggerSpec.afterBytes(bytes) : after != null ? TriggerSpec.after(after)
                : onState != null ? TriggerSpec.onState(onState.socket(), onState.state()) : TriggerSpec.NONE;
    }

    /** {@code on_state: {socket: upstream, state: CLOSE_WAIT}}: both keys required, the state as the mirror spells it. */
    private static OnStateSpec onState(Node n) {
        if (!n.mapping(ON_STATE_KEYS, Expect.mappingOf(ON_STATE_KEYS))) {
            return null;
        }
        Node socketNode = n.get("socket");
        OnStateSpec.Socket socket = socketNode.require(Expect.ON_STATE_SOCKET)
                ? Values.choice(socketNode, OnStateSpec.Socket.values(), OnStateSpec.Socket::configName) : null;
        Node stateNode = n.get("state");
        String state = stateNode.require(Expect.ON_STATE_STATE) ? stateNode.text(Expect.ON_STATE_STATE) : null;
        if (state != null && !OnStateSpec.STATES.contains(state)) {
            state = stateNode.fail(Expect.ON_STATE_STATE);
        }
        return socket == null || state == null ? null : new OnStateSpec(socket, state);
    }

    /**
     * With the mirror off, every {@code on_state} trigger under {@code proxies} is an error: nothing would
     * ever fire it. Walks the tree the proxies were read from, so each error has its path.
     */
    static void requireMirror(Node proxies) {
        if (!proxies.present() || !proxies.value().isArray()) {
            return;
        }
        for (Node proxy : proxies.list(Expect.PROXIES)) {
            Node faults = proxy.get("faults");
            if (!faults.present() || !faults.value().isArray()) {
                continue;
            }
            for (Node fault : faults.list(Expect.FAULTS)) {
                Node onState = fault.get("trigger").get("on_state");
                if (onState.present() && onState.value().isObject()) {
                    onState.fail(OnStateSpec.NEEDS_MIRROR);
                }
            }
        }
    }

    /** The attributes as plain Java values in the order written; an explicit null is left out, as elsewhere. */
    private static Map<String, Object> attributes(Node n) {
        Map<String, Object> raw = new LinkedHashMap<>();
        if (!n.present()) {
            return raw;
        }
        if (!n.value().isObject()) {
            n.fail(Expect.ATTRIBUTES);
            return raw;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = n.value().fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Object v = plain(e.getValue());
            if (v != null) {
                raw.put(e.getKey(), v);
            }
        }
        return raw;
    }

    private static Object plain(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isIntegralNumber()) {
            return v.canConvertToLong() ? (Object) v.longValue() : v.bigIntegerValue();
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isArray()) {
            List<Object> list = new ArrayList<>();
            v.forEach(e -> list.add(plain(e)));
            return list;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        v.fields().forEachRemaining(e -> map.put(e.getKey(), plain(e.getValue())));
        return map;
    }

    /** No two faults of a proxy share a name, given or default: the admin API finds them by it. */
    private static void unique(Node item, FaultSpec f, Map<String, Node> names) {
        if (f.name() == null) {
            return;
        }
        Node holder = names.putIfAbsent(f.name(), item);
        if (holder == null) {
            return;
        }
        Node name = item.get("name");
        if (name.present()) {
            name.fail(Expect.uniqueFault(holder.path()));
        } else {
            name.report("missing", Expect.defaultFaultNameTaken(f.name(), holder.path()));
        }
    }
}
