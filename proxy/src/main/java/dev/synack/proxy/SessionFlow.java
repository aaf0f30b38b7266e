package dev.synack.proxy;

import dev.synack.observe.Direction;
import dev.synack.observe.Side;
import io.netty.buffer.ByteBuf;

/**
 * How bytes and FINs flow through a {@link Session}: bytes read on one side are written to the other; the
 * next read is asked for only while the other side is writable, so a slow reader throttles a fast writer
 * and at most {@code high_watermark + read_size} bytes wait per direction; a FIN read on one side goes into
 * the other side's outbound path behind the bytes before it, and the other direction flows on until its own
 * FIN. Every function runs on the session's loop.
 *
 * <p>Functions of the session rather than an object it holds, so that a connection costs no more memory
 * for them (as {@link SessionEndings}).
 */
final class SessionFlow {
    private SessionFlow() {}

    /** Bytes read on {@code side}: written to the other side, kept until it is connected, or discarded once the session ends. */
    static void relay(Session s, Side side, ByteBuf buf) {
        Leg in = s.leg(side);
        Leg out = s.other(in);
        int n = buf.readableBytes();
        int dir = Direction.readOn(side).ordinal();
        s.timers.activity();
        s.observer.bytesRead(s, side, n);
        // epoll and io_uring read a socket to EOF when its FIN arrives, asked or not.
        s.bytes.read(dir, n, in.readAsked);
        in.readAsked = false;
        if (s.reason != null || out.output != Leg.Output.OPEN) {
            s.bytes.discarded(dir, n);
            buf.release();
            return;
        }
        if (out.channel == null) {
            s.bytes.keepEarly(buf);
            return;
        }
        out.write(buf);
    }

    /** A read pass on {@code side} is over: flush the other side, and read on only while it is writable. */
    static void readComplete(Session s, Side side) {
        if (s.splices.passComplete(side)) {
            return;
        }
        Leg in = s.leg(side);
        Leg out = s.other(in);
        if (out.channel == null) {
            return;
        }
        out.flushSoon();
        if (s.reason != null || in.inputEnded) {
            return;
        }
        if (out.channel.isWritable()) {
            in.requestRead();
        } else {
            in.paused = true;
            s.observer.backpressure(s, side, true, s.now());
        }
    }

    /** {@code side}'s socket became writable (or not): a reader paused for it reads on. */
    static void writabilityChanged(Session s, Side side) {
        Leg writer = s.leg(side);
        Leg reader = s.other(writer);
        if (writer.channel != null && writer.channel.isWritable() && reader.paused && s.reason == null) {
            reader.paused = false;
            s.observer.backpressure(s, reader.side, false, s.now());
            reader.requestRead();
        }
    }

    /** A FIN arrived on {@code side}: forward it behind everything read before it. */
    static void finRead(Session s, Side side) {
        Leg in = s.leg(side);
        if (in.inputEnded || s.splices.holdsFin(side)) {
            return;
        }
        in.inputEnded = true;
        finArrived(s, in);
        forwardFin(s, in);
    }

    /**
     * The peer's FIN arrived on {@code in}'s socket: observers hear of it once, when it comes, even while a
     * splice still reads the bytes before it (it is passed on only after them, by {@link #finRead}).
     */
    static void finArrived(Session s, Leg in) {
        if (!in.finReported) {
            in.finReported = true;
            s.observer.finRead(s, in.side, s.now());
        }
    }

    /** Passes {@code in}'s peer's FIN on to the other leg, or finishes a leg that was closing already. */
    static void forwardFin(Session s, Leg in) {
        if (s.reason != null) {
            // Ending already: a leg closed gracefully has now seen its peer's FIN and is done.
            if (in.output == Leg.Output.FIN_SENT) {
                in.close();
            }
            return;
        }
        s.timers.activity();
        if (s.closedFirst == null) {
            s.closedFirst = in.side.peer();
        }
        s.other(in).fin();
    }
}
