package dev.synack.mirror;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * An IPv4 socket address as one long, so that an {@link EndedConnection} keeps no address objects: an
 * address is four of them (the socket address, the IP, and a holder each), and a connection has six.
 * Bit 48 marks an address, bits 16–47 hold the IPv4 address and bits 0–15 the port; 0 is no address. An
 * IPv4-mapped IPv6 address packs as its IPv4 address, which is how synack writes and looks it up anyway.
 * Any other address (IPv6, an unresolved name) does not pack: {@link #OTHER}, and the record keeps the object.
 */
final class PackedAddress {
    /** No address (null). */
    static final long NONE = 0;
    /** An address that does not fit: the record keeps it as an object. */
    static final long OTHER = -1;
    private static final long IPV4 = 1L << 48;

    private PackedAddress() {}

    static long of(InetSocketAddress a) {
        if (a == null) {
            return NONE;
        }
        InetAddress ip = a.getAddress();
        byte[] b;
        if (ip instanceof Inet4Address) {
            b = ip.getAddress();
        } else if (ip instanceof Inet6Address && isV4Mapped(b = ip.getAddress())) {
            b = new byte[] {b[12], b[13], b[14], b[15]};
        } else {
            return OTHER;
        }
        long v4 = (b[0] & 0xffL) << 24 | (b[1] & 0xffL) << 16 | (b[2] & 0xffL) << 8 | b[3] & 0xffL;
        return IPV4 | v4 << 16 | a.getPort();
    }

    /** Whether {@code packed} holds an address itself (not {@link #NONE}, not {@link #OTHER}). */
    static boolean isPacked(long packed) {
        return packed != NONE && packed != OTHER;
    }

    static int port(long packed) {
        return (int) (packed & 0xffff);
    }

    /** The address {@code packed} holds, made anew. */
    static InetSocketAddress address(long packed) {
        long v4 = packed >>> 16 & 0xffffffffL;
        byte[] b = {(byte) (v4 >>> 24), (byte) (v4 >>> 16), (byte) (v4 >>> 8), (byte) v4};
        try {
            return new InetSocketAddress(InetAddress.getByAddress(b), port(packed));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are an IPv4 address", e);
        }
    }

    private static boolean isV4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
    }
}
