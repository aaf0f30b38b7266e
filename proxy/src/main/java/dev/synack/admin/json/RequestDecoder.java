package dev.synack.admin.json;

import static dev.synack.admin.json.GoStruct.Kind.BOOL;
import static dev.synack.admin.json.GoStruct.Kind.FLOAT32;
import static dev.synack.admin.json.GoStruct.Kind.STRING;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.synack.admin.model.ApiError;
import dev.synack.admin.model.ApiException;
import dev.synack.admin.model.ProxyCreate;
import dev.synack.admin.model.ProxyPatch;
import dev.synack.admin.model.Stream;
import dev.synack.admin.model.ToxicCreate;
import dev.synack.admin.model.ToxicPatch;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the request bodies of Toxiproxy's API into request records, with Toxiproxy's defaults and checks in
 * its order, and Go's decoding rules ({@link GoStruct}): an empty body is {@code bad request body: EOF}, only
 * the first JSON value is read, invalid UTF-8 becomes U+FFFD as Go reads it.
 */
public final class RequestDecoder {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final GoStruct PROXY = new GoStruct("Proxy")
            .field("name", STRING).field("listen", STRING).field("upstream", STRING).field("enabled", BOOL);
    private static final GoStruct TOXIC = new GoStruct("ToxicWrapper")
            .field("name", STRING).field("type", STRING).field("stream", STRING).field("toxicity", FLOAT32)
            .objectField("attributes", "toxics.NoopToxic");

    private RequestDecoder() {}

    /** {@code POST /proxies}: {@code enabled} defaults to true; {@code name}, then {@code upstream}, are required. */
    public static ProxyCreate proxyCreate(byte[] body) throws ApiException {
        ProxyCreate p = proxy(PROXY.decode(parse(body), "toxiproxy.Proxy"));
        if (p.name().isEmpty()) {
            throw ApiError.MISSING_FIELD.exception("name");
        }
        if (p.upstream().isEmpty()) {
            throw ApiError.MISSING_FIELD.exception("upstream");
        }
        return p;
    }

    /** {@code POST|PATCH /proxies/{name}}: only what is given changes; a {@code name} is ignored. */
    public static ProxyPatch proxyPatch(byte[] body) throws ApiException {
        Map<String, JsonNode> f = PROXY.decode(parse(body), "toxiproxy.Proxy");
        return new ProxyPatch(text(f, "listen", null), text(f, "upstream", null),
                f.containsKey("enabled") ? f.get("enabled").booleanValue() : null);
    }

    /**
     * {@code POST /populate}: a JSON array of proxies, each checked before any is created
     * ({@code missing required field: name at proxy 2}, counting from 1).
     */
    public static List<ProxyCreate> populate(byte[] body) throws ApiException {
        JsonNode root = parse(body);
        if (!root.isArray()) {
            throw GoStruct.badBody("json: cannot unmarshal " + GoStruct.kindOf(root) + " into Go value of type []toxiproxy.Proxy");
        }
        List<ProxyCreate> proxies = new ArrayList<>();
        for (JsonNode item : root) {
            proxies.add(proxy(item.isNull() ? Map.of() : PROXY.decode(item, "toxiproxy.Proxy")));
        }
        for (int i = 0; i < proxies.size(); i++) {
            if (proxies.get(i).name().isEmpty()) {
                throw ApiError.MISSING_FIELD.exception("name at proxy " + (i + 1));
            }
            if (proxies.get(i).upstream().isEmpty()) {
                throw ApiError.MISSING_FIELD.exception("upstream at proxy " + (i + 1));
            }
        }
        return proxies;
    }

    /**
     * {@code POST /proxies/{name}/toxics}: stream {@code downstream} and toxicity 1 by default, a stream that
     * is neither is {@link ApiError#INVALID_STREAM}, and the name defaults to {@code TYPE_STREAM} with the
     * stream as sent. The type is checked by the backend, which knows the types.
     */
    public static ToxicCreate toxicCreate(byte[] body) throws ApiException {
        Map<String, JsonNode> f = TOXIC.decode(parse(body), "toxics.ToxicWrapper");
        String type = text(f, "type", "");
        String stream = text(f, "stream", Stream.DOWNSTREAM.apiName());
        if (Stream.parse(stream) == null) {
            throw ApiError.INVALID_STREAM.exception();
        }
        String name = text(f, "name", "");
        float toxicity = f.containsKey("toxicity") ? (float) f.get("toxicity").doubleValue() : 1f;
        return new ToxicCreate(name.isEmpty() ? type + "_" + stream : name, type, stream, toxicity,
                attributes(f.get("attributes")));
    }

    /** {@code POST|PATCH /proxies/{name}/toxics/{toxic}} of a toxic of type {@code type}: attributes and toxicity only. */
    public static ToxicPatch toxicPatch(byte[] body, String type) throws ApiException {
        GoStruct patch = new GoStruct("").objectField("attributes", goToxicType(type)).field("toxicity", FLOAT32);
        Map<String, JsonNode> f = patch.decode(parse(body), "struct { Attributes interface {}; Toxicity float32 }");
        Float toxicity = f.containsKey("toxicity") ? (float) f.get("toxicity").doubleValue() : null;
        return new ToxicPatch(toxicity, attributes(f.get("attributes")));
    }

    /** The Go type Toxiproxy decodes a type's attributes into, as its errors name it ({@code toxics.LatencyToxic}). */
    static String goToxicType(String type) {
        if (type.equals("reset_peer")) {
            return "toxics.ResetToxic";
        }
        StringBuilder sb = new StringBuilder("toxics.");
        for (String part : type.split("_")) {
            if (!part.isEmpty()) {
                sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return sb.append("Toxic").toString();
    }

    /** The first JSON value of a body; bytes that are not UTF-8 read as U+FFFD, as Go reads them. */
    static JsonNode parse(byte[] body) throws ApiException {
        String text = new String(body, StandardCharsets.UTF_8);
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw GoStruct.badBody(GoSyntax.describe(e, text));
        }
        if (node == null || node.isMissingNode()) {
            throw GoStruct.badBody("EOF");
        }
        return node;
    }

    private static ProxyCreate proxy(Map<String, JsonNode> f) {
        return new ProxyCreate(text(f, "name", ""), text(f, "listen", ""), text(f, "upstream", ""),
                !f.containsKey("enabled") || f.get("enabled").booleanValue());
    }

    private static String text(Map<String, JsonNode> fields, String name, String fallback) {
        JsonNode v = fields.get(name);
        return v == null ? fallback : v.textValue();
    }

    /** An {@code attributes} object as Java values, its order kept and its null values dropped. */
    static Map<String, Object> attributes(JsonNode object) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (object == null) {
            return out;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isNull()) {
                out.put(e.getKey(), value(e.getValue()));
            }
        }
        return out;
    }

    private static Object value(JsonNode v) {
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.longValue();
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
            v.forEach(item -> list.add(item.isNull() ? null : value(item)));
            return list;
        }
        return v.isObject() ? attributes(v) : null;
    }
}
