package dev.synack.net;

import dev.synack.observe.TcpInfo;
import io.netty.channel.Channel;
import io.netty.channel.unix.UnixChannel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Reads {@link TcpInfo} with one getsockopt(IPPROTO_TCP, TCP_INFO) of 232 bytes on the fd of an epoll or
 * io_uring channel (native byte order). NIO channels expose no fd, so they give {@link Optional#empty()}.
 */
public final class TcpInfoReader {
    private TcpInfoReader() {}

    /** The socket's tcp_info, or empty for a channel without a native fd or one already closed. */
    public static Optional<TcpInfo> read(Channel ch) {
        if (!(ch instanceof UnixChannel) || !ch.isOpen()) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse(NativeSockets.tcpInfo(ch, NativeSockets.TCP_INFO_LENGTH)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Decodes a struct tcp_info laid out in native byte order from position 0 of {@code b}. */
    static TcpInfo parse(ByteBuffer b) {
        int wscale = u8(b, 6);
        int flags = u8(b, 7);
        return new TcpInfo(
                u8(b, 0), u8(b, 1), u8(b, 2), u8(b, 3), u8(b, 4), u8(b, 5),
                wscale & 0x0f, wscale >>> 4, (flags & 1) != 0, (flags >>> 1) & 3,
                b.getInt(8), b.getInt(12), b.getInt(16), b.getInt(20),
                b.getInt(24), b.getInt(28), b.getInt(32), b.getInt(36), b.getInt(40),
                b.getInt(44), b.getInt(48), b.getInt(52), b.getInt(56),
                b.getInt(60), b.getInt(64), b.getInt(68), b.getInt(72), b.getInt(76), b.getInt(80), b.getInt(84), b.getInt(88),
                b.getInt(92), b.getInt(96), b.getInt(100),
                b.getLong(104), b.getLong(112), b.getLong(120), b.getLong(128),
                b.getInt(136), b.getInt(140), b.getInt(144), b.getInt(148), b.getInt(152), b.getInt(156),
                b.getLong(160), b.getLong(168), b.getLong(176), b.getLong(184),
                b.getInt(192), b.getInt(196), b.getLong(200), b.getLong(208),
                b.getInt(216), b.getInt(220), b.getInt(224), b.getInt(228));
    }

    private static int u8(ByteBuffer b, int offset) {
        return Byte.toUnsignedInt(b.get(offset));
    }
}
