package dev.synack.observe;

/** Why a session ended. Every session ends with exactly one. */
public enum CloseReason {
    /** Both directions ended with FIN, the client's first. */
    CLIENT_FIN,
    /** Both directions ended with FIN, the service's first. */
    SERVICE_FIN,
    CLIENT_RST,
    SERVICE_RST,
    /** Every connect attempt to every upstream failed. */
    UPSTREAM_UNREACHABLE,
    /** synack had no file descriptor for the upstream socket (EMFILE/ENFILE): the service was never asked. */
    FD_LIMIT,
    /** Refused at accept: over max_connections or max_connections_per_client. */
    LIMIT,
    IDLE_TIMEOUT,
    MAX_DURATION,
    SHUTDOWN,
    /** The proxy was disabled or removed with its connections reset (Toxiproxy's {@code enabled: false}). */
    PROXY_DISABLED,
    /** Reset on request through the admin API ({@code DELETE /synack/connections/{id}}). */
    RESET_BY_API,
    /** A fault ended the connection (limit_data, timeout, reset_peer, rst_on_fin, ...). */
    FAULT,
    /** A socket error other than a reset (ETIMEDOUT from keepalive or user timeout, EPIPE, ...). */
    ERROR;

    /** The snake_case name used in logs, metrics labels and JSON. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
