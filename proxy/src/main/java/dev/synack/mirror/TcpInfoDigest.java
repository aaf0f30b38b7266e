package dev.synack.mirror;

import dev.synack.observe.TcpInfo;

/**
 * The part of a socket's tcp_info that an ended connection keeps, in {@value #LONGS} longs of its record:
 * what the admin API shows ({@link TcpInfoJson}) and the state. The whole record is 56 fields, about 300
 * bytes an object, and kept two per connection it was the largest single part of a tracked connection.
 * Read back, it is a {@link TcpInfo} with those fields and zero in every other.
 */
final class TcpInfoDigest {
    static final int LONGS = 8;

    private TcpInfoDigest() {}

    static void pack(TcpInfo t, long[] into, int at) {
        // The first six are 8-bit fields of struct tcp_info (the window scales 4 bits).
        into[at] = t.state() & 0xffL | (t.options() & 0xffL) << 8 | (t.retransmits() & 0xffL) << 16
                | (t.probes() & 0xffL) << 24 | (t.sndWscale() & 0xffL) << 32 | (t.rcvWscale() & 0xffL) << 40;
        into[at + 1] = two(t.rtt(), t.rttvar());
        into[at + 2] = two(t.minRtt(), t.totalRetrans());
        into[at + 3] = two(t.unacked(), t.sndCwnd());
        into[at + 4] = two(t.sndMss(), t.rcvMss());
        into[at + 5] = t.bytesSent();
        into[at + 6] = t.bytesAcked();
        into[at + 7] = t.bytesReceived();
    }

    static TcpInfo unpack(long[] from, int at) {
        long small = from[at];
        return make(byteAt(small, 0), byteAt(small, 1), byteAt(small, 2), byteAt(small, 3), byteAt(small, 4), byteAt(small, 5),
                from[at + 1], from[at + 2], from[at + 3], from[at + 4], from[at + 5], from[at + 6], from[at + 7]);
    }

    /** The first tcp_info kept of a socket is only its options (what the handshake negotiated). */
    static TcpInfo ofOptions(int options) {
        return make(0, options, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    private static TcpInfo make(int state, int options, int retransmits, int probes, int sndWscale, int rcvWscale,
                                long rtts, long minRttAndRetrans, long unackedAndCwnd, long mss, long sent, long acked,
                                long received) {
        return new TcpInfo(state, 0, retransmits, probes, 0, options,
                sndWscale, rcvWscale, false, 0,
                0, 0, low(mss), high(mss),
                low(unackedAndCwnd), 0, 0, 0, 0,
                0, 0, 0, 0,
                0, 0, low(rtts), high(rtts), 0, high(unackedAndCwnd), 0, 0,
                0, 0, high(minRttAndRetrans),
                0L, 0L, acked, received,
                0, 0, 0, low(minRttAndRetrans), 0, 0,
                0L, 0L, 0L, 0L,
                0, 0, sent, 0L,
                0, 0, 0, 0);
    }

    private static long two(int low, int high) {
        return low & 0xffffffffL | (long) high << 32;
    }

    private static int low(long v) {
        return (int) v;
    }

    private static int high(long v) {
        return (int) (v >>> 32);
    }

    private static int byteAt(long v, int i) {
        return (int) (v >>> 8 * i & 0xff);
    }
}
