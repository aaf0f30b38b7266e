package dev.synack.proxy;

import dev.synack.observe.Direction;
import io.netty.buffer.ByteBuf;
import java.util.ArrayDeque;

/**
 * A session's byte accounting per direction: bytes read, bytes held in user space (read and not yet
 * written to the other socket), bytes the transport read without being asked (the drain at a FIN),
 * and the client's early bytes kept until the upstream is connected. Peaks go to the proxy's gauges.
 */
final class HeldBytes {
    private final ProxyServer proxy;
    private final long[] read = new long[2];
    private final long[] held = new long[2];
    private final long[] unasked = new long[2];
    private long peak;
    private ArrayDeque<ByteBuf> early;

    HeldBytes(ProxyServer proxy) {
        this.proxy = proxy;
    }

    /** {@code n} bytes read in {@code dir}; {@code asked} when a read() of synack's asked for them. */
    void read(int dir, int n, boolean asked) {
        read[dir] += n;
        if (!asked) {
            unasked[dir] += n;
            proxy.recordDrained(unasked[dir]);
        }
    }

    long read(Direction dir) {
        return read[dir.ordinal()];
    }

    void hold(int dir, int n) {
        long h = held[dir] += n;
        if (h > peak) {
            peak = h;
            proxy.recordBuffered(h);
        }
    }

    void written(int dir, int n) {
        held[dir] -= n;
    }

    boolean nothingHeld(Direction dir) {
        return held[dir.ordinal()] == 0;
    }

    /** Keeps a client's bytes read before the upstream exists; they count as held. */
    void keepEarly(ByteBuf buf) {
        if (early == null) {
            early = new ArrayDeque<>(4);
        }
        early.add(buf);
        hold(Direction.CLIENT_TO_SERVICE.ordinal(), buf.readableBytes());
    }

    /** The next early buffer, or null when none is left. */
    ByteBuf pollEarly() {
        return early == null ? null : early.poll();
    }

    void releaseEarly() {
        if (early != null) {
            early.forEach(ByteBuf::release);
            early = null;
        }
    }
}
