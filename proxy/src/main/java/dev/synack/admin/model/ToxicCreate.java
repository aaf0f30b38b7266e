package dev.synack.admin.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A request to add a toxic ({@code POST /proxies/{name}/toxics}), with Toxiproxy's defaults already applied
 * by the API: {@code stream} {@code downstream}, {@code toxicity} 1, {@code name} {@code TYPE_STREAM}.
 *
 * @param type       as sent: may be empty or unknown, which the backend answers with {@link ApiError#INVALID_TOXIC_TYPE}
 * @param stream     as sent, valid in any case ({@link #direction()}); it is what the toxic echoes
 * @param attributes the {@code attributes} object as sent, keys in their order and spelling (match them
 *                   ignoring case, as Go does; unknown keys are ignored); null values are already dropped.
 *                   Values are {@link Long} (integral numbers that fit), {@link Double} (other numbers),
 *                   {@link String}, {@link Boolean}, {@link java.util.List} or {@link Map}.
 */
public record ToxicCreate(String name, String type, String stream, float toxicity, Map<String, Object> attributes) {
    public ToxicCreate {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(stream, "stream");
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /** The direction, never null: the API rejects a stream that is neither. */
    public Stream direction() {
        return Stream.parse(stream);
    }
}
