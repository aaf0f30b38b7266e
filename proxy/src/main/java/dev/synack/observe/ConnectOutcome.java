package dev.synack.observe;

import java.util.Locale;

/** How one connect attempt to an upstream ended. */
public enum ConnectOutcome {
    /** The handshake completed. */
    OK,
    /** The service's host answered the SYN with an RST: nothing listens there. */
    REFUSED,
    /** No answer to the SYN within the connect timeout. */
    TIMEOUT,
    /** The upstream's host name did not resolve. */
    UNRESOLVED,
    /** The connection was reset while it was being set up. */
    RESET,
    /** synack itself ran out of file descriptors (EMFILE, ENFILE): the service was never asked. */
    FD_LIMIT,
    /** Any other failure (unreachable network, no route, ...). */
    ERROR,
    /** The session ended (the client left, shutdown) while the attempt was in flight; synack dropped it. */
    CANCELLED;

    /** The snake_case name used in logs, metric labels and JSON. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
