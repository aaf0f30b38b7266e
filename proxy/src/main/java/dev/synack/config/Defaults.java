package dev.synack.config;

/**
 * The defaults that are not a record's {@code DEFAULT} constant, in one place. Everything else a config
 * leaves out comes from {@link AdminSpec#DEFAULT}, {@link ShutdownSpec#DEFAULT}, {@link ConnectSpec#DEFAULT},
 * {@link BackoffSpec#DEFAULT}, {@link LimitsSpec#DEFAULT}, {@link BufferSpec#DEFAULT} and {@link SocketSpec#DEFAULT}.
 */
final class Defaults {
    static final TransportKind TRANSPORT = TransportKind.AUTO;
    /** A client whose upstream cannot be reached gets an RST, not accept-then-FIN. */
    static final CloseAction ON_UPSTREAM_FAILURE = CloseAction.RESET;
    /** An RST read on one leg is passed on as an RST on the other. */
    static final CloseAction ON_PEER_RESET = CloseAction.RESET;
    /** {@code fast_open: true} on a listener means a TFO queue of this length. */
    static final int FAST_OPEN_QUEUE = 256;
    /** A keepalive mapping turns keepalive on unless it says {@code enabled: false}. */
    static final boolean KEEPALIVE_ENABLED_IN_MAPPING = true;

    private Defaults() {}
}
