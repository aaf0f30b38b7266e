package dev.synack.admin.model;

import java.util.Locale;

/** The direction a toxic acts on: {@code upstream} is client to service, {@code downstream} service to client. */
public enum Stream {
    UPSTREAM,
    DOWNSTREAM;

    /** The spelling of the API and of config. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads a stream as Toxiproxy does, ignoring case; null when it is neither (an empty string included).
     */
    public static Stream parse(String text) {
        if (text == null) {
            return null;
        }
        for (Stream s : values()) {
            if (s.apiName().equalsIgnoreCase(text)) {
                return s;
            }
        }
        return null;
    }
}
