package dev.synack.admin.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A change to a toxic ({@code POST} or {@code PATCH /proxies/{name}/toxics/{toxic}}): the attributes given
 * are merged into the current ones (the others keep their values), and a null {@code toxicity} keeps the
 * current one. Name, type and stream cannot change. Attribute values are as in {@link ToxicCreate}.
 */
public record ToxicPatch(Float toxicity, Map<String, Object> attributes) {
    public ToxicPatch {
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }
}
