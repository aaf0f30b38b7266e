package dev.synack.fault;

/**
 * A fault that acts on connections as they are accepted or opened, not on their bytes: the attributes
 * record of such a type says what the listener and the connector should do. The relay asks every such
 * fault of a proxy through {@link AcceptDecision} and {@link #pausesAccept()}, never which fault it is.
 */
public interface ConnectionFault {
    /** Reset the client at accept, before any upstream connection is tried. */
    default boolean refusesAtAccept() {
        return false;
    }

    /** Wait this long after accepting before connecting to the service (the client is connected meanwhile). */
    default long connectDelayNanos() {
        return 0;
    }

    /** While a fault that says so is present, the listener accepts nothing: clients queue in the backlog. */
    default boolean pausesAccept() {
        return false;
    }
}
