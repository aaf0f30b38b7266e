package dev.synack.admin;

import dev.synack.admin.model.ApiError;
import dev.synack.admin.model.ApiException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Toxiproxy's toxic types and their attributes ({@code toxics/*.go}) for the fake backend: every attribute
 * an integer defaulting to 0, decoded as Go decodes JSON into the type's struct (keys ignoring case, unknown
 * keys ignored, the wrong JSON type a {@code bad request body} in Go's words).
 */
final class FakeToxicTypes {
    /** Attribute name → Go type, in the struct's order. */
    static final Map<String, Map<String, String>> TYPES = Map.of(
            "noop", fields(),
            "latency", fields("latency", "int64", "jitter", "int64"),
            "bandwidth", fields("rate", "int64"),
            "slow_close", fields("delay", "int64"),
            "timeout", fields("timeout", "int64"),
            "reset_peer", fields("timeout", "int64"),
            "slicer", fields("average_size", "int", "size_variation", "int", "delay", "int"),
            "limit_data", fields("bytes", "int64"));

    private FakeToxicTypes() {}

    private static Map<String, String> fields(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    /** Every attribute of {@code type} at 0. */
    static Map<String, Object> defaults(String type) {
        Map<String, Object> m = new LinkedHashMap<>();
        TYPES.get(type).keySet().forEach(k -> m.put(k, 0L));
        return m;
    }

    /** {@code current} with {@code given} decoded into it; {@code current} itself is left alone. */
    static Map<String, Object> merge(String type, Map<String, Object> current, Map<String, Object> given) throws ApiException {
        Map<String, String> schema = TYPES.get(type);
        Map<String, Object> out = new LinkedHashMap<>(current);
        for (Map.Entry<String, Object> e : given.entrySet()) {
            String field = schema.keySet().stream().filter(f -> f.equalsIgnoreCase(e.getKey())).findFirst().orElse(null);
            if (field == null) {
                continue;
            }
            Object v = e.getValue();
            if (!(v instanceof Long)) {
                throw ApiError.BAD_REQUEST_BODY.exception("json: cannot unmarshal " + kind(v) + " into Go struct field .attributes."
                        + field + " of type " + schema.get(field));
            }
            out.put(field, v);
        }
        return out;
    }

    private static String kind(Object v) {
        if (v instanceof Double d) {
            return "number " + dev.synack.admin.json.GoNumbers.float64(d);
        }
        if (v instanceof String) {
            return "string";
        }
        if (v instanceof Boolean) {
            return "bool";
        }
        return v instanceof List ? "array" : "object";
    }
}
