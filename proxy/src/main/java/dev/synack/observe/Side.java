package dev.synack.observe;

/** Which of the two proxy sockets of a session: the accepted, client-facing one or the one to the service. */
public enum Side {
    DOWNSTREAM, UPSTREAM;

    public Side other() {
        return this == DOWNSTREAM ? UPSTREAM : DOWNSTREAM;
    }

    /** The lower-case name used in metric labels and JSON. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The peer on this side's far end: the client for downstream, the service for upstream. */
    public Peer peer() {
        return this == DOWNSTREAM ? Peer.CLIENT : Peer.SERVICE;
    }
}
