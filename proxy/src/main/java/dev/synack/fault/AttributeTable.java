package dev.synack.fault;

import dev.synack.config.KeySuggestion;
import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The attributes of one fault type, in their JSON order, and how to build the type's attributes record
 * from their values. Reads raw values (from config or an API request) onto a base record, so an update
 * that names only some attributes keeps the others, as Toxiproxy's does; every value is range-checked.
 */
public final class AttributeTable<A> {
    private final List<Attribute<A>> attributes;
    private final Function<long[], A> constructor;
    private final A defaults;

    private AttributeTable(Function<long[], A> constructor, List<Attribute<A>> attributes) {
        this.attributes = List.copyOf(attributes);
        this.constructor = constructor;
        this.defaults = constructor.apply(attributes.stream().mapToLong(Attribute::defaultValue).toArray());
    }

    /** A table; {@code constructor} gets the values in the order of {@code attributes}. */
    @SafeVarargs
    public static <A> AttributeTable<A> of(Function<long[], A> constructor, Attribute<A>... attributes) {
        return new AttributeTable<>(constructor, List.of(attributes));
    }

    public List<Attribute<A>> attributes() {
        return attributes;
    }

    public A defaults() {
        return defaults;
    }

    /** The attributes of {@code a} by name, in JSON order, every attribute present. */
    public Map<String, Long> values(A a) {
        Map<String, Long> m = new LinkedHashMap<>();
        attributes.forEach(at -> m.put(at.name(), at.getter().applyAsLong(a)));
        return Collections.unmodifiableMap(m);
    }

    /**
     * {@code base} with the attributes {@code raw} names replaced; null when some name is unknown or some
     * value is no integer in range, each such problem added to {@code problems} (as
     * {@code attributes.<name>}). {@code type} names the type in the error for a type without attributes.
     */
    public A read(String type, Map<String, ?> raw, A base, List<FaultProblem> problems) {
        long[] v = attributes.stream().mapToLong(at -> at.getter().applyAsLong(base)).toArray();
        List<String> names = attributes.stream().map(Attribute::name).toList();
        int before = problems.size();
        for (Map.Entry<String, ?> e : raw.entrySet()) {
            int i = names.indexOf(e.getKey());
            String field = "attributes." + e.getKey();
            if (i < 0) {
                String expected = names.isEmpty() ? "no attributes: " + type + " has none" : KeySuggestion.expected(e.getKey(), names);
                problems.add(new FaultProblem(field, "unknown key", expected));
            } else if (e.getValue() != null) {
                Long value = integer(e.getValue());
                if (value == null || !attributes.get(i).inRange(value)) {
                    problems.add(new FaultProblem(field, RawJson.of(e.getValue()), attributes.get(i).expected()));
                } else {
                    v[i] = value;
                }
            }
        }
        return problems.size() == before ? constructor.apply(v) : null;
    }

    /** The value as a long if it is an integral number that fits one; a decimal or a string is not. */
    private static Long integer(Object o) {
        if (o instanceof Long || o instanceof Integer || o instanceof Short || o instanceof Byte) {
            return ((Number) o).longValue();
        }
        if (o instanceof BigInteger b && b.bitLength() < 64) {
            return b.longValue();
        }
        return null;
    }
}
