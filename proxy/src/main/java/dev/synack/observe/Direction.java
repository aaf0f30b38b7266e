package dev.synack.observe;

/** A direction of bytes. Toxiproxy calls client → service "upstream" and service → client "downstream". */
public enum Direction {
    CLIENT_TO_SERVICE, SERVICE_TO_CLIENT;

    /** The direction whose bytes are written on {@code side}. */
    public static Direction writtenOn(Side side) {
        return side == Side.DOWNSTREAM ? SERVICE_TO_CLIENT : CLIENT_TO_SERVICE;
    }

    /** The snake_case name used in metric labels and JSON: {@code client_to_service}. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Toxiproxy's name for it: {@code upstream} (client to service) or {@code downstream}. */
    public String toxiproxyName() {
        return this == CLIENT_TO_SERVICE ? "upstream" : "downstream";
    }

    /** The direction whose bytes are read on {@code side}. */
    public static Direction readOn(Side side) {
        return side == Side.DOWNSTREAM ? CLIENT_TO_SERVICE : SERVICE_TO_CLIENT;
    }
}
