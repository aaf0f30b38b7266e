package dev.synack.observe;

/** Who did something first in a session: one of the two peers, or synack itself (a timeout, a limit, shutdown). */
public enum Peer {
    CLIENT, SERVICE, PROXY
}
