package dev.synack.net;

import dev.synack.config.KernelOption;
import io.netty.channel.Channel;
import io.netty.channel.unix.Socket;
import io.netty.channel.unix.UnixChannel;
import io.netty.util.concurrent.FastThreadLocal;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Raw setsockopt/getsockopt on the file descriptor of an epoll or io_uring channel. Both transports hand
 * out their {@link Socket} through {@link UnixChannel#fd()}, which reaches options neither names.
 */
final class NativeSockets {
    /** The struct tcp_info length synack reads (through tcpi_snd_wnd). */
    static final int TCP_INFO_LENGTH = 232;

    /** One buffer per event loop thread: tcp_info is read once per connection, on its loop. */
    private static final FastThreadLocal<ByteBuffer> TCP_INFO_BUFFER = new FastThreadLocal<>() {
        @Override
        protected ByteBuffer initialValue() {
            return ByteBuffer.allocateDirect(TCP_INFO_LENGTH).order(ByteOrder.nativeOrder());
        }
    };

    private static final byte[] ZEROS = new byte[TCP_INFO_LENGTH];

    private NativeSockets() {}

    static Socket fd(Channel ch) {
        if (!(ch instanceof UnixChannel u) || !(u.fd() instanceof Socket s)) {
            throw new IllegalArgumentException("not a native socket channel: " + ch.getClass().getName());
        }
        return s;
    }

    private static final int AF_INET6 = 10;

    /** Whether the socket is AF_INET6 (dual-stack or IPv6), from the kernel's SO_DOMAIN. */
    static boolean isInet6(Socket fd) throws IOException {
        return fd.getIntOpt(KernelOption.SO_DOMAIN.level(), KernelOption.SO_DOMAIN.optname()) == AF_INET6;
    }

    /**
     * The first {@code length} bytes of struct tcp_info in native byte order, in a buffer reused by the
     * calling thread (read it before the next call).
     */
    static ByteBuffer tcpInfo(Channel ch, int length) throws IOException {
        ByteBuffer buf = TCP_INFO_BUFFER.get();
        buf.clear();
        buf.put(ZEROS);
        buf.clear().limit(length);
        fd(ch).getRawOpt(KernelOption.TCP_INFO.level(), KernelOption.TCP_INFO.optname(), buf);
        buf.clear();
        return buf;
    }
}
