package dev.synack.net;

import dev.synack.config.TransportKind;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.InternetProtocolFamily;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.incubator.channel.uring.IOUring;
import io.netty.incubator.channel.uring.IOUringEventLoopGroup;
import io.netty.incubator.channel.uring.IOUringServerSocketChannel;
import io.netty.incubator.channel.uring.IOUringSocketChannel;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.channels.spi.SelectorProvider;
import java.util.Locale;
import java.util.Optional;

/** A concrete Netty transport: its channel classes, its event loop group, and whether it can run here. */
public enum Transport {
    EPOLL {
        @Override public boolean isAvailable() { return Epoll.isAvailable(); }
        @Override public Throwable unavailabilityCause() { return Epoll.unavailabilityCause(); }
        @Override public EventLoopGroup newGroup(int threads) { return new EpollEventLoopGroup(threads, Threads.named("synack-epoll")); }
        @Override public Class<? extends ServerChannel> serverChannel() { return EpollServerSocketChannel.class; }
        @Override public Class<? extends Channel> socketChannel() { return EpollSocketChannel.class; }
        @Override public ServerChannel newServerChannel(InetAddress local) {
            return local instanceof Inet4Address ? new EpollServerSocketChannel(InternetProtocolFamily.IPv4) : new EpollServerSocketChannel();
        }
        @Override public Channel newSocketChannel(InetAddress remote) {
            return remote instanceof Inet4Address ? new EpollSocketChannel(InternetProtocolFamily.IPv4) : new EpollSocketChannel();
        }
        @Override public Optional<Boolean> fastOpenServerSide() {
            return isAvailable() ? Optional.of(Epoll.isTcpFastOpenServerSideAvailable()) : Optional.empty();
        }
    },
    IO_URING {
        @Override public boolean isAvailable() { return IOUring.isAvailable(); }
        @Override public Throwable unavailabilityCause() { return IOUring.unavailabilityCause(); }
        @Override public EventLoopGroup newGroup(int threads) { return new IOUringEventLoopGroup(threads, Threads.named("synack-uring")); }
        @Override public Class<? extends ServerChannel> serverChannel() { return IOUringServerSocketChannel.class; }
        @Override public Class<? extends Channel> socketChannel() { return IOUringSocketChannel.class; }
        @Override public ServerChannel newServerChannel(InetAddress local) { return new IOUringServerSocketChannel(); }
        @Override public Channel newSocketChannel(InetAddress remote) { return new IOUringSocketChannel(); }
        @Override public Optional<Boolean> fastOpenServerSide() {
            return isAvailable() ? Optional.of(IOUring.isTcpFastOpenServerSideAvailable()) : Optional.empty();
        }
    },
    NIO {
        @Override public boolean isAvailable() { return true; }
        @Override public Throwable unavailabilityCause() { return null; }
        @Override public EventLoopGroup newGroup(int threads) { return new NioEventLoopGroup(threads, Threads.named("synack-nio")); }
        @Override public Class<? extends ServerChannel> serverChannel() { return NioServerSocketChannel.class; }
        @Override public Class<? extends Channel> socketChannel() { return NioSocketChannel.class; }
        @Override public ServerChannel newServerChannel(InetAddress local) {
            return local instanceof Inet4Address
                    ? new NioServerSocketChannel(SelectorProvider.provider(), InternetProtocolFamily.IPv4) : new NioServerSocketChannel();
        }
        @Override public Channel newSocketChannel(InetAddress remote) {
            return remote instanceof Inet4Address
                    ? new NioSocketChannel(SelectorProvider.provider(), InternetProtocolFamily.IPv4) : new NioSocketChannel();
        }
    };

    public abstract boolean isAvailable();

    /** Why the transport cannot run here, or null when it can. */
    public abstract Throwable unavailabilityCause();

    public abstract EventLoopGroup newGroup(int threads);

    public abstract Class<? extends ServerChannel> serverChannel();

    public abstract Class<? extends Channel> socketChannel();

    /**
     * A listener socket for {@code local}. epoll and NIO open an AF_INET socket for an IPv4 address (no
     * v4-mapped detour through AF_INET6: the dual-stack socket costs a setsockopt(IPV6_V6ONLY) per
     * connect); io_uring always opens dual-stack AF_INET6 sockets, as its channels offer no choice.
     */
    public abstract ServerChannel newServerChannel(InetAddress local);

    /** A socket to connect to {@code remote}; the family as for {@link #newServerChannel}. */
    public abstract Channel newSocketChannel(InetAddress remote);

    /**
     * Whether this transport's socket for {@code address} is AF_INET6 (listed in /proc/net/tcp6) rather than
     * AF_INET (/proc/net/tcp): as {@link #newServerChannel} and {@link #newSocketChannel} choose.
     */
    public boolean opensInet6(InetAddress address) {
        return this == IO_URING || !(address instanceof Inet4Address);
    }

    /**
     * Whether this transport, as loaded in this JVM, sets TCP_FASTOPEN on listeners: Netty reads
     * {@code net.ipv4.tcp_fastopen} once, when its native library loads. Empty when unknown (NIO, or a
     * transport that cannot load here).
     */
    public Optional<Boolean> fastOpenServerSide() {
        return Optional.empty();
    }

    /** Whether sockets of this transport expose their fd for raw getsockopt/setsockopt. */
    public boolean isNative() {
        return this != NIO;
    }

    /** The kind of transport config names for this one. */
    public TransportKind kind() {
        return TransportKind.valueOf(name());
    }

    /** The spelling used in config and logs ({@code epoll}, {@code io_uring}, {@code nio}). */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
