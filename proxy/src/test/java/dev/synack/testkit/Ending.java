package dev.synack.testkit;

/** How a read side of a socket ended: a FIN from the peer, an RST, or another error. */
public enum Ending {
    /** read returned -1: the peer sent FIN. */
    EOF,
    /** read threw "Connection reset": the peer (or synack on its behalf) sent RST. */
    RESET,
    /** any other I/O error (closed locally, broken pipe, ...). */
    ERROR;

    /** Classifies the exception a read threw; the JDK words a received RST as "Connection reset[ by peer]". */
    public static Ending of(Throwable readFailure) {
        String m = readFailure.getMessage();
        return m != null && m.contains("Connection reset") ? RESET : ERROR;
    }
}
