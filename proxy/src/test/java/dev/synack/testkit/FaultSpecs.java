package dev.synack.testkit;

import dev.synack.config.Cidr;
import dev.synack.config.FaultSpec;
import dev.synack.config.FaultStream;
import dev.synack.config.TriggerSpec;
import dev.synack.fault.Fault;
import dev.synack.fault.FaultException;
import java.util.List;
import java.util.Map;

/**
 * Fault entries for tests, as a config's {@code faults:} list holds them ({@link FaultSpec}) or as the
 * registry takes them live ({@link Fault}): toxicity 1, every client, no trigger unless said otherwise.
 */
public final class FaultSpecs {
    private FaultSpecs() {}

    /** A fault with Toxiproxy's default name {@code <type>_<stream>}. */
    public static FaultSpec spec(String type, FaultStream stream, Map<String, ?> attributes) {
        return named(null, type, stream, attributes);
    }

    public static FaultSpec named(String name, String type, FaultStream stream, Map<String, ?> attributes) {
        return new FaultSpec(name, type, stream, 1.0, List.of(), TriggerSpec.NONE, Map.copyOf(attributes));
    }

    /** A fault acting on a connection with probability {@code toxicity}. */
    public static FaultSpec toxic(String type, FaultStream stream, double toxicity, Map<String, ?> attributes) {
        return new FaultSpec(null, type, stream, toxicity, List.of(), TriggerSpec.NONE, Map.copyOf(attributes));
    }

    /** A fault that starts acting once {@code trigger} fires. */
    public static FaultSpec triggered(String type, FaultStream stream, TriggerSpec trigger, Map<String, ?> attributes) {
        return new FaultSpec(null, type, stream, 1.0, List.of(), trigger, Map.copyOf(attributes));
    }

    /** A fault limited to the clients in {@code clients}. */
    public static FaultSpec forClients(String type, FaultStream stream, List<Cidr> clients, Map<String, ?> attributes) {
        return new FaultSpec(null, type, stream, 1.0, clients, TriggerSpec.NONE, Map.copyOf(attributes));
    }

    /** The live fault of an entry, for {@code ProxyRegistry.addFault} and {@code updateFault}. */
    public static Fault live(FaultSpec spec) {
        try {
            return Fault.of(spec);
        } catch (FaultException e) {
            throw new IllegalArgumentException("a test fault that does not check: " + e.getMessage(), e);
        }
    }

    public static Fault live(String name, String type, FaultStream stream, Map<String, ?> attributes) {
        return live(named(name, type, stream, attributes));
    }
}
