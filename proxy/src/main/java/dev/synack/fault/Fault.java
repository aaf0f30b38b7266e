package dev.synack.fault;

import dev.synack.config.Cidr;
import dev.synack.config.FaultSpec;
import dev.synack.config.FaultStream;
import dev.synack.config.TriggerSpec;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A fault as a proxy holds it: a name unique in the proxy, a registered type with its attributes record,
 * the stream it acts on, its toxicity (the chance it acts on a connection, drawn once per connection and
 * direction), the client blocks it is limited to (none: every client) and its trigger. Immutable: an
 * update is a new Fault under the same name.
 */
public record Fault(String name, FaultType<?> type, FaultStream stream, double toxicity, List<Cidr> clients,
        TriggerSpec trigger, Object attributes) {
    public Fault {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(trigger, "trigger");
        clients = List.copyOf(clients);
        if (!(toxicity >= 0 && toxicity <= 1)) {
            throw new IllegalArgumentException("toxicity " + toxicity + " outside [0, 1]");
        }
        if (!type.accepts(attributes)) {
            throw new IllegalArgumentException(type + " attributes expected, got " + attributes);
        }
    }

    /**
     * A fault from its parts, with Toxiproxy's defaults: the name {@code <type>_<stream>} when null, every
     * attribute {@code attributes} does not name at its default. Every problem is reported at once.
     */
    public static Fault create(String name, String type, FaultStream stream, double toxicity, List<Cidr> clients,
            TriggerSpec trigger, Map<String, ?> attributes) throws FaultException {
        List<FaultProblem> problems = new ArrayList<>();
        FaultType<?> t = FaultRegistry.find(type).orElse(null);
        if (t == null) {
            problems.add(new FaultProblem("type", RawJson.of(type), FaultRegistry.expectedType(type)));
        }
        if (!(toxicity >= 0 && toxicity <= 1)) {
            problems.add(new FaultProblem("toxicity", String.valueOf(toxicity), "a number from 0 to 1"));
        }
        Object attrs = t == null ? null : t.read(attributes, t.defaults(), problems);
        if (t != null) {
            connectionRules(t, toxicity, clients, trigger, problems);
        }
        if (!problems.isEmpty()) {
            throw new FaultException(problems);
        }
        String n = name != null ? name : FaultSpec.defaultName(type, stream);
        return new Fault(n, t, stream, toxicity, clients, trigger, attrs);
    }

    /**
     * What a fault acting at accept or connect cannot have, said rather than ignored: a trigger (it acts
     * before any byte), and for accept_pause, which stops the listener before any client is known, a
     * toxicity below 1 or client blocks.
     */
    private static void connectionRules(FaultType<?> t, double toxicity, List<Cidr> clients, TriggerSpec trigger,
            List<FaultProblem> problems) {
        if (t.kind() != FaultType.Kind.CONNECTION) {
            return;
        }
        if (!trigger.isNone()) {
            problems.add(new FaultProblem("trigger", trigger.text(),
                    "no trigger: " + t.name() + " acts as a client connects, before any byte"));
        }
        if (t.defaults() instanceof ConnectionFault c && c.pausesAccept()) {
            if (toxicity >= 0 && toxicity < 1) {
                problems.add(new FaultProblem("toxicity", String.valueOf(toxicity),
                        "1: " + t.name() + " stops the listener, before any client is known"));
            }
            if (!clients.isEmpty()) {
                problems.add(new FaultProblem("clients", clients.toString(),
                        "none: " + t.name() + " stops the listener, before any client is known"));
            }
        }
    }

    /** The fault a config entry describes (whose common fields the config loader has checked). */
    public static Fault of(FaultSpec spec) throws FaultException {
        return create(spec.name(), spec.type(), spec.stream(), spec.toxicity(), spec.clients(), spec.trigger(),
                spec.attributes());
    }

    /** This fault with the attributes {@code raw} names changed and the others kept, as Toxiproxy's update does. */
    public Fault withAttributes(Map<String, ?> raw) throws FaultException {
        List<FaultProblem> problems = new ArrayList<>();
        Object attrs = type.read(raw, attributes, problems);
        if (!problems.isEmpty()) {
            throw new FaultException(problems);
        }
        return new Fault(name, type, stream, toxicity, clients, trigger, attrs);
    }

    public Fault withToxicity(double t) {
        return new Fault(name, type, stream, t, clients, trigger, attributes);
    }

    /** The attributes by name in the type's JSON order, every one present (the admin API's {@code attributes}). */
    public Map<String, Long> attributeValues() {
        return type.values(attributes);
    }

    /** Whether the fault may act on a connection from {@code client}: no blocks, or one containing it. */
    public boolean targets(InetAddress client) {
        return clients.isEmpty() || clients.stream().anyMatch(c -> c.contains(client));
    }
}
