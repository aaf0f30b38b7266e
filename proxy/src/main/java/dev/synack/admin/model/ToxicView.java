package dev.synack.admin.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A toxic (a fault of a Toxiproxy type) as the API shows it.
 *
 * @param name       unique within its proxy, across both streams
 * @param type       {@code latency}, {@code bandwidth}, ... ({@code noop} included)
 * @param stream     as given when it was added, e.g. {@code downstream} or {@code UpStream} (Toxiproxy echoes
 *                   the spelling it was sent; {@link Stream#parse} reads it)
 * @param toxicity   the probability it applies to a connection, printed as a Go float32
 * @param attributes every attribute of the type, zeros included, in the type's declared order; values are
 *                   {@link Long}, {@link Double}, {@link String} or {@link Boolean}
 */
public record ToxicView(String name, String type, String stream, float toxicity, Map<String, Object> attributes) {
    public ToxicView {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(stream, "stream");
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /** The direction this toxic acts on. */
    public Stream direction() {
        return Stream.parse(stream);
    }
}
