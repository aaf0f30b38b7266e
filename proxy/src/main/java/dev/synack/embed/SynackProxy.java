package dev.synack.embed;

import dev.synack.admin.model.ApiException;
import dev.synack.admin.model.ProxyPatch;
import dev.synack.admin.model.ToxicCreate;
import dev.synack.admin.model.ToxicPatch;
import dev.synack.app.Synack;
import dev.synack.config.FaultSpec;
import dev.synack.config.FaultStream;
import dev.synack.proxy.ProxyServer;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One proxy of a {@link SynackServer}: where it listens, and its faults added, changed and removed — on
 * its live connections too, at once — with the admin API's semantics. Fault types and attributes are those
 * of the API and config ({@code latency} with {@code latency} and {@code jitter} in ms, {@code bandwidth}
 * with {@code rate} in KB/s, ...); a fault's name defaults to {@code TYPE_STREAM}.
 */
public final class SynackProxy {
    private final Synack synack;
    private final String name;

    SynackProxy(Synack synack, String name) {
        this.synack = synack;
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** Where it listens (the real port when it was asked for port 0). */
    public InetSocketAddress address() {
        return server().address();
    }

    public String host() {
        return address().getAddress().getHostAddress();
    }

    public int port() {
        return address().getPort();
    }

    /** Adds a fault acting on {@code stream} ({@code upstream}: client to service; {@code downstream}: back); returns its name. */
    public String fault(String type, String stream, Map<String, ?> attributes) {
        return fault(FaultSpec.defaultName(type, stream(stream)), type, stream, 1.0, attributes);
    }

    /** Adds a fault with a name and a toxicity (the share of connections it acts on, 0 to 1); returns its name. */
    public String fault(String faultName, String type, String stream, double toxicity, Map<String, ?> attributes) {
        stream(stream);
        try {
            return synack.toxiproxy().addToxic(name, new ToxicCreate(faultName, type, stream, (float) toxicity, raw(attributes))).name();
        } catch (ApiException e) {
            throw refused(e);
        }
    }

    /** {@code latency} ms added to every chunk from the service to the client (Toxiproxy's default stream). */
    public String latency(long millis) {
        return fault("latency", "downstream", Map.of("latency", millis));
    }

    /** Testcontainers' "cut connection": bandwidth 0 both ways, so bytes stop until {@link #restore()}. */
    public void cut() {
        fault("CUT_CONNECTION_DOWNSTREAM", "bandwidth", "downstream", 1.0, Map.of("rate", 0));
        fault("CUT_CONNECTION_UPSTREAM", "bandwidth", "upstream", 1.0, Map.of("rate", 0));
    }

    /** Removes the cut of {@link #cut()}; what waited flows on. */
    public void restore() {
        removeFault("CUT_CONNECTION_DOWNSTREAM");
        removeFault("CUT_CONNECTION_UPSTREAM");
    }

    /** Changes the attributes named (the others keep their values), on live connections too. */
    public void updateFault(String faultName, Map<String, ?> attributes) {
        try {
            synack.toxiproxy().updateToxic(name, faultName, new ToxicPatch(null, raw(attributes)));
        } catch (ApiException e) {
            throw refused(e);
        }
    }

    public void removeFault(String faultName) {
        try {
            synack.toxiproxy().removeToxic(name, faultName);
        } catch (ApiException e) {
            throw refused(e);
        }
    }

    /** Closes the listener and resets every connection (Toxiproxy's {@code enabled: false}). */
    public void disable() {
        patch(false);
    }

    /** Listens again on the same address. */
    public void enable() {
        patch(true);
    }

    /** Connections open now. */
    public int connections() {
        return server().activeSessions();
    }

    private void patch(boolean enabled) {
        try {
            synack.toxiproxy().update(name, new ProxyPatch(null, null, enabled));
        } catch (ApiException e) {
            throw refused(e);
        }
    }

    private ProxyServer server() {
        return synack.registry().get(name).orElseThrow(() -> new IllegalStateException("proxy " + name + " was removed"));
    }

    private static FaultStream stream(String stream) {
        FaultStream s = FaultStream.parse(stream);
        if (s == null) {
            throw new IllegalArgumentException("stream " + stream + ": expected upstream or downstream");
        }
        return s;
    }

    /** Attribute values as the API reads JSON numbers: integers as longs. */
    private static Map<String, Object> raw(Map<String, ?> attributes) {
        Map<String, Object> out = new LinkedHashMap<>();
        attributes.forEach((k, v) -> out.put(k, v instanceof Integer || v instanceof Short || v instanceof Byte ? ((Number) v).longValue() : v));
        return out;
    }

    static IllegalArgumentException refused(ApiException e) {
        return new IllegalArgumentException(e.getMessage() + " (" + e.status() + ")");
    }
}
