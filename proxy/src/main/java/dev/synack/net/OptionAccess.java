package dev.synack.net;

import dev.synack.config.KernelOption;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.unix.Socket;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * How one option reaches one kind of socket: setting a kernel-unit value (Integer, or String for names)
 * and reading the kernel's value back. Native variants go through the fd, {@link Jdk} through NIO.
 */
interface OptionAccess {
    void apply(Channel ch, Object kernelValue) throws Exception;

    Object read(Channel ch) throws Exception;

    /** An integer option through setsockopt/getsockopt on the fd. */
    record Int(KernelOption option) implements OptionAccess {
        @Override public void apply(Channel ch, Object v) throws Exception {
            NativeSockets.fd(ch).setIntOpt(option.level(), option.optname(), (Integer) v);
        }
        @Override public Object read(Channel ch) throws Exception {
            return NativeSockets.fd(ch).getIntOpt(option.level(), option.optname());
        }
    }

    /** SO_LINGER: a struct linger, which Netty's fd packs and unpacks (seconds, -1 for off). */
    record Linger() implements OptionAccess {
        @Override public void apply(Channel ch, Object v) throws Exception { NativeSockets.fd(ch).setSoLinger((Integer) v); }
        @Override public Object read(Channel ch) throws Exception { return NativeSockets.fd(ch).getSoLinger(); }
    }

    /** TCP_CONGESTION: the algorithm's name, at most 15 bytes plus NUL. */
    record Congestion() implements OptionAccess {
        private static final KernelOption OPTION = KernelOption.TCP_CONGESTION;
        private static final int TCP_CA_NAME_MAX = 16;

        @Override public void apply(Channel ch, Object v) throws Exception {
            byte[] name = v.toString().getBytes(StandardCharsets.US_ASCII);
            NativeSockets.fd(ch).setRawOpt(OPTION.level(), OPTION.optname(), ByteBuffer.wrap(name));
        }
        @Override public Object read(Channel ch) throws Exception {
            ByteBuffer buf = ByteBuffer.allocate(TCP_CA_NAME_MAX);
            NativeSockets.fd(ch).getRawOpt(OPTION.level(), OPTION.optname(), buf);
            byte[] a = buf.array();
            int n = 0;
            while (n < a.length && a[n] != 0) {
                n++;
            }
            return new String(a, 0, n, StandardCharsets.US_ASCII);
        }
    }

    /**
     * The TOS byte. A dual-stack AF_INET6 socket keeps two: IP_TOS marks IPv4(-mapped) packets and
     * IPV6_TCLASS IPv6 ones, so both are set there; an AF_INET socket has only IP_TOS. The one matching
     * the peer's family is read back.
     */
    record Tos() implements OptionAccess {
        @Override public void apply(Channel ch, Object v) throws Exception {
            Socket fd = NativeSockets.fd(ch);
            fd.setIntOpt(KernelOption.IP_TOS.level(), KernelOption.IP_TOS.optname(), (Integer) v);
            if (NativeSockets.isInet6(fd)) {
                fd.setIntOpt(KernelOption.IPV6_TCLASS.level(), KernelOption.IPV6_TCLASS.optname(), (Integer) v);
            }
        }
        @Override public Object read(Channel ch) throws Exception {
            boolean v6Peer = ch.remoteAddress() instanceof InetSocketAddress a && a.getAddress() instanceof Inet6Address;
            KernelOption k = v6Peer ? KernelOption.IPV6_TCLASS : KernelOption.IP_TOS;
            return NativeSockets.fd(ch).getIntOpt(k.level(), k.optname());
        }
    }

    /** A read-only field of struct tcp_info: an unsigned byte or a 32-bit value at a byte offset. */
    record TcpInfoField(int offset, int size) implements OptionAccess {
        @Override public void apply(Channel ch, Object v) {
            throw new UnsupportedOperationException("tcp_info is read-only");
        }
        @Override public Object read(Channel ch) throws Exception {
            ByteBuffer b = NativeSockets.tcpInfo(ch, offset + size);
            return size == 1 ? Byte.toUnsignedInt(b.get(offset)) : b.getInt(offset);
        }
    }

    /** A JDK socket option on an NIO channel; {@code halved} for the buffer sizes the JDK reports halved. */
    record Jdk(SocketOption<?> option, boolean halved) implements OptionAccess {
        @SuppressWarnings({"unchecked", "rawtypes"})
        @Override public void apply(Channel ch, Object v) {
            Object value = option.type() == Boolean.class ? (Object) ((Integer) v != 0) : v;
            if (!ch.config().setOption((ChannelOption) NioChannelOption.of(option), value)) {
                throw new UnsupportedOperationException(option.name() + " not supported by " + ch.getClass().getSimpleName());
            }
        }
        @Override public Object read(Channel ch) {
            Object v = ch.config().getOption(NioChannelOption.of(option));
            if (v instanceof Boolean b) {
                return b ? 1 : 0;
            }
            return halved ? 2 * (Integer) v : v;
        }
    }

    /** An option only Netty can apply (SO_BACKLOG is listen()'s argument); read back from Netty's config. */
    record Netty(ChannelOption<Integer> option) implements OptionAccess {
        @Override public void apply(Channel ch, Object v) {
            throw new UnsupportedOperationException(option.name() + " is a bootstrap option");
        }
        @Override public Object read(Channel ch) {
            return ch.config().getOption(option);
        }
    }
}
