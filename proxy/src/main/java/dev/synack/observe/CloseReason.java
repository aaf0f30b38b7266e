package dev.synack.observe;

/** Why a session ended. Every session ends with exactly one. */
public enum CloseReason {
    /** Both directions ended with FIN, the client's first. */
    CLIENT_FIN("client FIN"),
    /** Both directions ended with FIN, the service's first. */
    SERVICE_FIN("service FIN"),
    CLIENT_RST("client RST"),
    SERVICE_RST("service RST"),
    /** Every connect attempt to every upstream failed. */
    UPSTREAM_UNREACHABLE("upstream unreachable"),
    /** Refused at accept: over max_connections or max_connections_per_client. */
    LIMIT("limit"),
    IDLE_TIMEOUT("idle timeout"),
    MAX_DURATION("max duration"),
    SHUTDOWN("shutdown"),
    /** The proxy was disabled or removed with its connections reset (Toxiproxy's {@code enabled: false}). */
    PROXY_DISABLED("proxy disabled"),
    /** A fault ended the connection (limit_data, timeout, reset_peer, rst_on_fin, ...). */
    FAULT("fault"),
    /** A socket error other than a reset (ETIMEDOUT from keepalive or user timeout, EPIPE, ...). */
    ERROR("error");

    private final String label;

    CloseReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The snake_case name used in logs, metrics labels and JSON. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
