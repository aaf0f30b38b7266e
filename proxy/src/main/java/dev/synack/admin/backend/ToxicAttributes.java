package dev.synack.admin.backend;

import dev.synack.admin.json.GoNumbers;
import dev.synack.admin.model.ApiError;
import dev.synack.admin.model.ApiException;
import dev.synack.fault.Attribute;
import dev.synack.fault.FaultType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes a toxic's {@code attributes} object as Go decodes it into the toxic's struct: keys match the
 * attribute names ignoring case, unknown keys are ignored, and the first value that is no integer (in the
 * order sent) is a {@code bad request body} in Go's words ({@code json: cannot unmarshal string into Go
 * struct field .attributes.latency of type int64}). Ranges are the fault registry's business, checked next.
 */
final class ToxicAttributes {
    private ToxicAttributes() {}

    /** The values given, under the type's own attribute names, in the order sent. */
    static Map<String, Object> decode(FaultType<?> type, Map<String, Object> raw) throws ApiException {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : raw.entrySet()) {
            String name = match(type.attributes(), e.getKey());
            if (name == null) {
                continue;
            }
            Object v = e.getValue();
            if (!(v instanceof Long)) {
                throw ApiError.BAD_REQUEST_BODY.exception("json: cannot unmarshal " + kind(v) + " into Go struct field .attributes."
                        + name + " of type " + goType(type));
            }
            out.put(name, v);
        }
        return out;
    }

    private static String match(List<? extends Attribute<?>> attributes, String key) {
        for (Attribute<?> a : attributes) {
            if (a.name().equals(key)) {
                return a.name();
            }
        }
        for (Attribute<?> a : attributes) {
            if (a.name().equalsIgnoreCase(key)) {
                return a.name();
            }
        }
        return null;
    }

    /** Toxiproxy declares the slicer's attributes {@code int}, every other one {@code int64}. */
    private static String goType(FaultType<?> type) {
        return type.name().equals("slicer") ? "int" : "int64";
    }

    /** Go's words for the JSON value that does not fit an integer field. */
    private static String kind(Object v) {
        if (v instanceof Double d) {
            return "number " + GoNumbers.inError(d);
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
