package dev.synack.fault;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One fault type of the registry: its name, what it does in one line, and its attributes. The type's
 * attributes record is what acts: an {@link OutboundFault} builds a handler for the outbound path of a
 * direction, a {@link ConnectionFault} tells the listener and connector what to do, and a record that is
 * also a {@link MachineRequirement} says what this machine lacks to run it.
 */
public final class FaultType<A> {
    /** Where a fault of the type acts. */
    public enum Kind { OUTBOUND, CONNECTION }

    private final String name;
    private final Kind kind;
    private final String summary;
    private final AttributeTable<A> attributes;

    private FaultType(String name, Kind kind, String summary, AttributeTable<A> attributes) {
        this.name = name;
        this.kind = kind;
        this.summary = summary;
        this.attributes = attributes;
    }

    /** A type acting on one direction's bytes, FIN and RST. */
    public static <A extends OutboundFault> FaultType<A> outbound(String name, String summary, AttributeTable<A> attributes) {
        return new FaultType<>(name, Kind.OUTBOUND, summary, attributes);
    }

    /** A type acting at accept or connect. */
    public static <A extends ConnectionFault> FaultType<A> connection(String name, String summary, AttributeTable<A> attributes) {
        return new FaultType<>(name, Kind.CONNECTION, summary, attributes);
    }

    public String name() {
        return name;
    }

    public Kind kind() {
        return kind;
    }

    public String summary() {
        return summary;
    }

    public List<Attribute<A>> attributes() {
        return attributes.attributes();
    }

    /** The attributes record with every attribute at its default. */
    public A defaults() {
        return attributes.defaults();
    }

    /** Whether {@code value} is an attributes record of this type. */
    public boolean accepts(Object value) {
        return value != null && value.getClass() == defaults().getClass();
    }

    /** The attributes of a record of this type by name, in the type's JSON order, every attribute present. */
    public Map<String, Long> values(Object attributesRecord) {
        return attributes.values(cast(attributesRecord));
    }

    /** {@code base} (a record of this type) with the attributes {@code raw} names; null with problems added if any is wrong. */
    public A read(Map<String, ?> raw, Object base, List<FaultProblem> problems) {
        return attributes.read(name, raw, cast(base), problems);
    }

    /** What this machine lacks to run a fault of this type, or empty. */
    public Optional<String> missing(boolean nativeTransport) {
        return defaults() instanceof MachineRequirement r ? r.missing(nativeTransport) : Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private A cast(Object value) {
        if (!accepts(value)) {
            throw new IllegalArgumentException(name + " attributes expected, got " + value);
        }
        return (A) value;
    }

    @Override
    public String toString() {
        return name;
    }
}
