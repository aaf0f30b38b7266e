package dev.synack.net;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.incubator.channel.uring.IOUring;
import io.netty.incubator.channel.uring.IOUringEventLoopGroup;
import io.netty.incubator.channel.uring.IOUringServerSocketChannel;
import io.netty.incubator.channel.uring.IOUringSocketChannel;
import java.util.Locale;

/** A concrete Netty transport: its channel classes, its event loop group, and whether it can run here. */
public enum Transport {
    EPOLL {
        @Override public boolean isAvailable() { return Epoll.isAvailable(); }
        @Override public Throwable unavailabilityCause() { return Epoll.unavailabilityCause(); }
        @Override public EventLoopGroup newGroup(int threads) { return new EpollEventLoopGroup(threads, Threads.named("synack-epoll")); }
        @Override public Class<? extends ServerChannel> serverChannel() { return EpollServerSocketChannel.class; }
        @Override public Class<? extends Channel> socketChannel() { return EpollSocketChannel.class; }
    },
    IO_URING {
        @Override public boolean isAvailable() { return IOUring.isAvailable(); }
        @Override public Throwable unavailabilityCause() { return IOUring.unavailabilityCause(); }
        @Override public EventLoopGroup newGroup(int threads) { return new IOUringEventLoopGroup(threads, Threads.named("synack-uring")); }
        @Override public Class<? extends ServerChannel> serverChannel() { return IOUringServerSocketChannel.class; }
        @Override public Class<? extends Channel> socketChannel() { return IOUringSocketChannel.class; }
    },
    NIO {
        @Override public boolean isAvailable() { return true; }
        @Override public Throwable unavailabilityCause() { return null; }
        @Override public EventLoopGroup newGroup(int threads) { return new NioEventLoopGroup(threads, Threads.named("synack-nio")); }
        @Override public Class<? extends ServerChannel> serverChannel() { return NioServerSocketChannel.class; }
        @Override public Class<? extends Channel> socketChannel() { return NioSocketChannel.class; }
    };

    public abstract boolean isAvailable();

    /** Why the transport cannot run here, or null when it can. */
    public abstract Throwable unavailabilityCause();

    public abstract EventLoopGroup newGroup(int threads);

    public abstract Class<? extends ServerChannel> serverChannel();

    public abstract Class<? extends Channel> socketChannel();

    /** Whether sockets of this transport expose their fd for raw getsockopt/setsockopt. */
    public boolean isNative() {
        return this != NIO;
    }

    /** The spelling used in config and logs ({@code epoll}, {@code io_uring}, {@code nio}). */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
