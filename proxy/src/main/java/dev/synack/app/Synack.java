package dev.synack.app;

import dev.synack.config.ConfigException;
import dev.synack.config.SynackConfig;
import dev.synack.net.TransportChoice;
import dev.synack.observe.ConnectionObserver;
import dev.synack.observe.OptionReading;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/** A running synack: every proxy of a config bound and serving, until {@link #shutdown(Duration)}. */
public final class Synack implements AutoCloseable {

    /**
     * Checks the config against the chosen transport, then binds every proxy. On a config error nothing
     * is bound. Blocks until every listener is bound.
     */
    public static Synack start(SynackConfig config, List<ConnectionObserver> observers) throws ConfigException {
        throw new UnsupportedOperationException("not yet");
    }

    public TransportChoice transport() {
        throw new UnsupportedOperationException("not yet");
    }

    /** The address a proxy is bound to (with the real port when config said port 0). */
    public InetSocketAddress address(String proxy) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Effective options of a proxy's listener socket. */
    public List<OptionReading> listenerOptions(String proxy) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Sessions of a proxy that have not ended yet. */
    public int activeSessions(String proxy) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * The most bytes any one direction of any session of this proxy has held in user space so far:
     * what waited in the writing leg's outbound buffer right after a read was handed to it.
     */
    public long peakBufferedBytes(String proxy) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Stops accepting, lets sessions end on their own until {@code drain} passes, resets the rest, frees the loops. */
    public void shutdown(Duration drain) {
        throw new UnsupportedOperationException("not yet");
    }

    /** {@link #shutdown(Duration)} with the config's drain deadline. */
    @Override
    public void close() {
        throw new UnsupportedOperationException("not yet");
    }
}
