package dev.synack.config;

import java.util.Locale;

/**
 * The direction a fault acts on, named as Toxiproxy names it: {@code upstream} is client → service (the
 * fault sits on the socket to the service), {@code downstream} is service → client (on the client's socket).
 */
public enum FaultStream {
    UPSTREAM, DOWNSTREAM;

    /** The direction a fault acts on when its config or API request names none, as in Toxiproxy. */
    public static final FaultStream DEFAULT = DOWNSTREAM;

    /** {@code upstream} or {@code downstream}, as written in config and in Toxiproxy's JSON. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The stream named {@code text} (any case, as Toxiproxy parses it), or null. */
    public static FaultStream parse(String text) {
        for (FaultStream s : values()) {
            if (s.configName().equalsIgnoreCase(text)) {
                return s;
            }
        }
        return null;
    }
}
