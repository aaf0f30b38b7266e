package dev.synack.fault;

/**
 * A fault could not do what it exists for on a connection (a setsockopt or an nft command refused): it
 * is fired into the pipeline as an exception, so the session counts it, records why and ends, rather
 * than letting the connection go on unfaulted as if it had worked.
 */
public final class FaultFailedException extends RuntimeException {
    public FaultFailedException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
