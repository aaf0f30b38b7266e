package dev.synack.proxy;

import dev.synack.config.BufferSpec;
import dev.synack.config.SpliceMode;
import dev.synack.net.SocketTuner;
import dev.synack.net.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollMode;
import java.net.InetSocketAddress;

/**
 * Builds a proxy's listener and upstream bootstraps with the relay's channel options (reads only when
 * asked, half-closure, one read of at most {@code read_size}, the write watermarks) and the tuners'
 * kernel options, each at the stage the kernel needs it.
 */
final class Bootstraps {
    private final Transport transport;
    private final SocketTuner downstreamTuner;
    private final SocketTuner upstreamTuner;
    private final AdaptiveRecvByteBufAllocator recvAllocator;
    private final WriteBufferWaterMark waterMark;
    /** Splicing needs level-triggered epoll on both sockets, set before they register. */
    private final boolean levelTriggered;
    private final int readSize;

    Bootstraps(Transport transport, BufferSpec buffers, SocketTuner downstreamTuner, SocketTuner upstreamTuner) {
        this.transport = transport;
        this.downstreamTuner = downstreamTuner;
        this.upstreamTuner = upstreamTuner;
        // AUTO_READ is off, so each read() reads one buffer: at most read_size bytes per read.
        this.recvAllocator = new AdaptiveRecvByteBufAllocator(
                Math.min(64, buffers.readSize()), Math.min(16 * 1024, buffers.readSize()), buffers.readSize());
        this.waterMark = new WriteBufferWaterMark(buffers.lowWatermark(), buffers.highWatermark());
        this.levelTriggered = buffers.splice() == SpliceMode.AUTO && transport == Transport.EPOLL;
        this.readSize = buffers.readSize();
    }

    /**
     * The read allocator of one socket of a splicing proxy ({@link Splices#enabled}): reads copied as with
     * the shared allocator, splices of at most {@code read_size} bytes a pass.
     */
    SpliceReadHandle spliceReadHandle() {
        return new SpliceReadHandle(recvAllocator, readSize);
    }

    /**
     * The listener on {@code address}: {@code admission} sees each accepted socket first, on the
     * listener's loop, and {@code child} sets up each admitted one on its own loop.
     */
    ServerBootstrap listener(EventLoopGroup loops, InetSocketAddress address, ChannelHandler admission, ChannelHandler child) {
        ServerBootstrap b = new ServerBootstrap()
                .group(loops, loops)
                .channelFactory((ChannelFactory<ServerChannel>) () -> transport.newServerChannel(address.getAddress()))
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childOption(ChannelOption.RCVBUF_ALLOCATOR, recvAllocator)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        downstreamTuner.beforeBind(ch);
                        ch.pipeline().addLast(admission);
                    }
                })
                .childHandler(child);
        if (levelTriggered) {
            b.childOption(EpollChannelOption.EPOLL_MODE, EpollMode.LEVEL_TRIGGERED);
        }
        downstreamTuner.configure(b);
        return b;
    }

    /** An upstream channel to {@code target} on {@code loop}; {@code handler} sets up its pipeline. */
    Bootstrap upstream(EventLoop loop, InetSocketAddress target, int connectTimeoutMillis, ChannelHandler handler) {
        Bootstrap b = new Bootstrap()
                .group(loop)
                .channelFactory((ChannelFactory<Channel>) () -> transport.newSocketChannel(target.getAddress()))
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .option(ChannelOption.RCVBUF_ALLOCATOR, recvAllocator)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMillis)
                .handler(handler);
        if (levelTriggered) {
            b.option(EpollChannelOption.EPOLL_MODE, EpollMode.LEVEL_TRIGGERED);
        }
        upstreamTuner.configure(b);
        return b;
    }
}
