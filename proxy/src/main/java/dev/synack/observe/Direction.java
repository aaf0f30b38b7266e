package dev.synack.observe;

/** A direction of bytes. Toxiproxy calls client → service "upstream" and service → client "downstream". */
public enum Direction {
    CLIENT_TO_SERVICE, SERVICE_TO_CLIENT;

    /** The direction whose bytes are read on {@code side}. */
    public static Direction readOn(Side side) {
        return side == Side.DOWNSTREAM ? CLIENT_TO_SERVICE : SERVICE_TO_CLIENT;
    }
}
