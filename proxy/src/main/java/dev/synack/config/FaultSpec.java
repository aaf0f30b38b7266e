package dev.synack.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry of a proxy's {@code faults} list, as data: the common fields checked and defaulted, the type
 * and attributes as written. The fault registry checks the type and the attributes against that type
 * (the config package knows no fault types), where the config is checked as a whole.
 *
 * @param name unique among the proxy's faults; {@code <type>_<stream>} when the entry gives none
 * @param toxicity the probability in [0, 1] that the fault acts on a connection, drawn once per
 *     connection and direction
 * @param clients the client address blocks the fault is limited to; empty means every client
 * @param attributes the attributes in the order written, each a Long, Double, BigInteger, String,
 *     Boolean, List or Map as the YAML or JSON value was
 */
public record FaultSpec(String name, String type, FaultStream stream, double toxicity, List<Cidr> clients,
        TriggerSpec trigger, Map<String, Object> attributes) {
    public FaultSpec {
        clients = List.copyOf(clients);
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /** Toxiproxy's default name of a fault: {@code latency_downstream}. */
    public static String defaultName(String type, FaultStream stream) {
        return type + "_" + stream.configName();
    }
}
