package dev.synack.proxy;

import dev.synack.observe.Direction;
import io.netty.buffer.ByteBuf;
import java.util.ArrayDeque;

/**
 * A session's bytes per direction: read from one socket, written to the other, discarded (read after
 * that direction ended, or dropped by a fault), and the transport's drain at a FIN (bytes read without
 * being asked). What is read and neither written nor discarded is held in user space; its peak goes to
 * the proxy's gauge. The client's early bytes, read before the upstream is connected, wait here too.
 */
final class ByteLedger {
    private final LiveSessions gauges;
    private final long[] read = new long[2];
    private final long[] written = new long[2];
    private final long[] discarded = new long[2];
    private final long[] unasked = new long[2];
    private long peak;
    private ArrayDeque<ByteBuf> early;

    ByteLedger(LiveSessions gauges) {
        this.gauges = gauges;
    }

    /** {@code n} bytes read in {@code dir}; {@code asked} when a read() of synack's asked for them. */
    void read(int dir, int n, boolean asked) {
        read[dir] += n;
        if (!asked) {
            unasked[dir] += n;
            gauges.recordDrained(unasked[dir]);
        }
        long held = read[dir] - written[dir] - discarded[dir];
        if (held > peak) {
            peak = held;
            gauges.recordBuffered(held);
        }
    }

    /** {@code n} bytes of {@code dir} reached the other side's socket. */
    void written(int dir, int n) {
        written[dir] += n;
    }

    /** {@code n} bytes of {@code dir} read and dropped: never to be written. */
    void discarded(int dir, long n) {
        discarded[dir] += n;
    }

    long written(Direction dir) {
        return written[dir.ordinal()];
    }

    long discarded(Direction dir) {
        return discarded[dir.ordinal()];
    }

    /** Keeps a client's bytes read before the upstream exists. */
    void keepEarly(ByteBuf buf) {
        if (early == null) {
            early = new ArrayDeque<>(4);
        }
        early.add(buf);
    }

    /** The next early buffer, or null when none is left. */
    ByteBuf pollEarly() {
        return early == null ? null : early.poll();
    }

    /** Drops the early bytes that never reached an upstream. */
    void discardEarly() {
        if (early != null) {
            for (ByteBuf buf : early) {
                discarded(Direction.CLIENT_TO_SERVICE.ordinal(), buf.readableBytes());
                buf.release();
            }
            early = null;
        }
    }
}
