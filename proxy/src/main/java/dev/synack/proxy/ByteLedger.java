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
    // One field per direction (0 = client -> service, 1 = service -> client), not arrays: four long[2]
    // would cost 128 bytes more per connection, and every idle connection holds a ledger.
    private long read0;
    private long read1;
    private long written0;
    private long written1;
    private long discarded0;
    private long discarded1;
    private long unasked0;
    private long unasked1;
    private long peak;
    private ArrayDeque<ByteBuf> early;

    ByteLedger(LiveSessions gauges) {
        this.gauges = gauges;
    }

    /** {@code n} bytes read in {@code dir}; {@code asked} when a read() of synack's asked for them. */
    void read(int dir, int n, boolean asked) {
        long read = dir == 0 ? (read0 += n) : (read1 += n);
        if (!asked) {
            gauges.recordDrained(dir == 0 ? (unasked0 += n) : (unasked1 += n));
        }
        long held = read - written(dir) - discarded(dir);
        if (held > peak) {
            peak = held;
            gauges.recordBuffered(held);
        }
    }

    /** {@code n} bytes of {@code dir} reached the other side's socket. */
    void written(int dir, int n) {
        if (dir == 0) {
            written0 += n;
        } else {
            written1 += n;
        }
    }

    /** {@code n} bytes of {@code dir} read and dropped: never to be written. */
    void discarded(int dir, long n) {
        if (dir == 0) {
            discarded0 += n;
        } else {
            discarded1 += n;
        }
    }

    long written(Direction dir) {
        return written(dir.ordinal());
    }

    long discarded(Direction dir) {
        return discarded(dir.ordinal());
    }

    private long written(int dir) {
        return dir == 0 ? written0 : written1;
    }

    private long discarded(int dir) {
        return dir == 0 ? discarded0 : discarded1;
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
