package dev.synack.admin.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.synack.admin.model.ApiError;
import dev.synack.admin.model.ApiException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decodes a JSON object into the fields of a Go struct the way {@code encoding/json} does: keys match
 * field names ignoring case, unknown keys are ignored, {@code null} leaves a field as it was, the last of
 * repeated keys wins, and the first value of the wrong type (in document order) is the error, worded as
 * Go words it ({@code json: cannot unmarshal number into Go struct field Proxy.name of type string}).
 */
final class GoStruct {
    /** The Go types of the fields the API decodes. */
    enum Kind { STRING, BOOL, FLOAT32, OBJECT }

    private final String goName;
    private final Map<String, Kind> fields = new LinkedHashMap<>();
    private final Map<String, String> objectTypes = new HashMap<>();

    /** {@code goName} as Go prints it in errors: {@code Proxy}, {@code ToxicWrapper}, or empty for an anonymous struct. */
    GoStruct(String goName) {
        this.goName = goName;
    }

    GoStruct field(String name, Kind kind) {
        fields.put(name, kind);
        return this;
    }

    /** An object field and the Go type named when it is not an object ({@code toxics.NoopToxic}). */
    GoStruct objectField(String name, String goType) {
        objectTypes.put(name, goType);
        return field(name, Kind.OBJECT);
    }

    /**
     * The fields present with a non-null value, by their Go names, each the last one given.
     *
     * @param goValueType the type named when {@code node} is not an object at all ({@code toxiproxy.Proxy})
     */
    Map<String, JsonNode> decode(JsonNode node, String goValueType) throws ApiException {
        if (!node.isObject()) {
            throw badBody("json: cannot unmarshal " + kindOf(node) + " into Go value of type " + goValueType);
        }
        Map<String, JsonNode> values = new HashMap<>();
        ApiException first = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String field = match(e.getKey());
            if (field == null || e.getValue().isNull()) {
                continue;
            }
            String wrong = wrongType(fields.get(field), e.getValue());
            if (wrong == null) {
                values.put(field, e.getValue());
            } else if (first == null) {
                first = badBody("json: cannot unmarshal " + wrong + " into Go struct field " + goName + "." + field
                        + " of type " + goType(field));
            }
        }
        if (first != null) {
            throw first;
        }
        return values;
    }

    private String match(String key) {
        if (fields.containsKey(key)) {
            return key;
        }
        for (String f : fields.keySet()) {
            if (f.equalsIgnoreCase(key)) {
                return f;
            }
        }
        return null;
    }

    /** Go's words for a value that does not fit, or null if it fits. */
    private static String wrongType(Kind kind, JsonNode v) {
        return switch (kind) {
            case STRING -> v.isTextual() ? null : kindOf(v);
            case BOOL -> v.isBoolean() ? null : kindOf(v);
            case OBJECT -> v.isObject() ? null : kindOf(v);
            case FLOAT32 -> {
                if (!v.isNumber()) {
                    yield kindOf(v);
                }
                float f = (float) v.doubleValue();
                yield Float.isInfinite(f) ? "number " + GoNumbers.inError(v.doubleValue()) : null;
            }
        };
    }

    private String goType(String field) {
        return switch (fields.get(field)) {
            case STRING -> "string";
            case BOOL -> "bool";
            case FLOAT32 -> "float32";
            case OBJECT -> objectTypes.get(field);
        };
    }

    /** Go's name for the kind of a JSON value in an unmarshal error. */
    static String kindOf(JsonNode v) {
        if (v.isTextual()) {
            return "string";
        }
        if (v.isNumber()) {
            return "number";
        }
        if (v.isBoolean()) {
            return "bool";
        }
        if (v.isArray()) {
            return "array";
        }
        return v.isObject() ? "object" : "null";
    }

    static ApiException badBody(String detail) {
        return ApiError.BAD_REQUEST_BODY.exception(detail);
    }
}
