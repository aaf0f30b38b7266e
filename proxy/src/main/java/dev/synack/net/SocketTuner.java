package dev.synack.net;

import dev.synack.config.SocketSpec;
import dev.synack.observe.OptionReading;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import java.util.List;

/**
 * Applies one side's {@link SocketSpec} to Netty bootstraps and channels, each option at the moment the
 * kernel needs it, and reads the effective values back with getsockopt.
 *
 * <p>Call order for the listener side: {@link #configure(ServerBootstrap)} before bind,
 * {@link #beforeBind(Channel)} from the server channel's handler (it runs on registration, before bind),
 * {@link #onAccepted(Channel)} for every accepted socket before its first read. For the upstream side:
 * {@link #configure(Bootstrap)}, {@link #beforeConnect(Channel)} from the channel initializer (before
 * connect), {@link #afterConnect(Channel)} once connected.
 */
public final class SocketTuner {
    private final SocketSpec spec;
    private final Transport transport;
    private final boolean listenerSide;

    private SocketTuner(SocketSpec spec, Transport transport, boolean listenerSide) {
        this.spec = spec;
        this.transport = transport;
        this.listenerSide = listenerSide;
    }

    /** The tuner of a proxy's downstream side: the listener and the sockets it accepts. */
    public static SocketTuner downstream(SocketSpec spec, Transport transport) {
        return new SocketTuner(spec, transport, true);
    }

    /** The tuner of a proxy's upstream side: the sockets synack connects to the service. */
    public static SocketTuner upstream(SocketSpec spec, Transport transport) {
        return new SocketTuner(spec, transport, false);
    }

    public void configure(ServerBootstrap b) {
        if (spec.nodelay() != null) {
            b.childOption(ChannelOption.TCP_NODELAY, spec.nodelay());
        }
    }

    public void configure(Bootstrap b) {
        if (spec.nodelay() != null) {
            b.option(ChannelOption.TCP_NODELAY, spec.nodelay());
        }
    }

    public void beforeBind(Channel listener) {}

    public void onAccepted(Channel child) {}

    public void beforeConnect(Channel upstream) {}

    public void afterConnect(Channel upstream) {}

    /** Effective values of the listener socket. */
    public List<OptionReading> readListener(Channel listener) {
        return List.of();
    }

    /** Effective values of a connected socket of this side. */
    public List<OptionReading> read(Channel connected) {
        return List.of();
    }
}
