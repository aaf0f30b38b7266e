package dev.synack.proxy;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelPromise;
import io.netty.channel.epoll.AbstractEpollStreamChannel;

/**
 * One direction of a session relayed with splice(2): the epoll transport moves the bytes from the reading
 * socket into a pipe and from the pipe into the writing socket, and they never enter user space. This
 * class does for that direction what the copy path does with buffers, and nothing else: it counts the
 * bytes, reports backpressure (the transport reads on by itself while each splice's bytes leave the pipe
 * at once, and stops reading until they have when they do not, so the pipe is the direction's buffer and
 * a slow reader throttles a fast writer), tells the session when the peer's FIN has truly been read, and
 * hands the direction back to the copy path when asked ({@link #stop()}), between two reads.
 *
 * <p>Netty's splice reports the peer's FIN as soon as it has arrived (EPOLLRDHUP), even when its last
 * read stopped at the pipe's capacity with bytes still in the socket; so the FIN is held here until a
 * read that started with an empty pipe moved nothing, which after a FIN means the end of the stream.
 * Bytes are reported written by the {@link OutboundTail} when the {@link SplicedBytes} marker behind them
 * is written. A splice that fails with both sockets open is the reading socket's error (an RST read),
 * reported once the transport's read pass is over, never from inside it.
 */
final class SplicedDirection implements ChannelFutureListener {
    enum State {
        SPLICING,
        /** Read to its end; the splice stays queued, so that an RST coming later is still read and reported. */
        ENDED,
        COPYING,
        FAILED
    }

    private final Session session;
    private final Leg in;
    private final Leg out;
    private final SpliceReadHandle handle;
    private State state = State.SPLICING;
    /** Bytes spliced out of {@code in} whose marker is not yet written on {@code out}. */
    private long inFlight;
    /** A read waits for the pipe to drain. */
    private boolean waiting;
    /** The transport reported the peer's FIN; bytes may still be in the socket. */
    private boolean finHeld;

    private SplicedDirection(Session session, Leg in, Leg out, SpliceReadHandle handle) {
        this.session = session;
        this.in = in;
        this.out = out;
        this.handle = handle;
    }

    /** Starts splicing {@code in}'s bytes to {@code out}; the caller asks for the first read. */
    @SuppressWarnings("deprecation")
    static SplicedDirection start(Session session, Leg in, Leg out, SpliceReadHandle handle) {
        SplicedDirection d = new SplicedDirection(session, in, out, handle);
        handle.splicing();
        in.readsDeferred = true;
        AbstractEpollStreamChannel from = (AbstractEpollStreamChannel) in.channel;
        ChannelPromise done = from.newPromise();
        done.addListener(d);
        from.spliceTo((AbstractEpollStreamChannel) out.channel, Integer.MAX_VALUE, done);
        // The transport reads on by itself while each splice's bytes leave the pipe at once, and stops
        // reading until they have when they do not: no system call to re-arm reading after every pass.
        from.config().setAutoRead(true);
        return d;
    }

    State state() {
        return state;
    }

    /** Hands the direction back to the copy path before the next byte is read (a fault now wants the bytes). */
    void stop() {
        if (state == State.SPLICING) {
            handle.stop();
        }
    }

    /**
     * A read pass of {@code in} is over: reports what it moved and asks for the next one. False once the
     * direction copies again: the session's copy path takes the pass.
     */
    boolean passComplete() {
        long n = handle.takeMoved();
        if (n > 0) {
            session.splicedIn(in, n);
            inFlight += n;
            ChannelPromise written = out.channel.newPromise();
            written.addListener(f -> {
                if (!f.isSuccess()) {
                    // The other socket closed before the marker: those bytes are not known to have reached it.
                    session.discarded(out.written, n);
                }
                drained(n);
            });
            out.channel.writeAndFlush(new SplicedBytes((int) n), written);
        }
        if (state == State.COPYING) {
            return false;
        }
        if (state != State.SPLICING || !session.relaying() || !in.isOpen()) {
            return true;
        }
        if (finHeld && n == 0 && inFlight == 0) {
            finHeld = false;
            state = State.ENDED;
            in.channel.config().setAutoRead(false);
            SessionFlow.finRead(session, in.side);
        } else if (inFlight > 0 && !waiting) {
            waiting = true;
            session.spliceBackpressure(in, true);
        }
        return true;
    }

    private void drained(long n) {
        inFlight -= n;
        if (waiting && inFlight == 0) {
            waiting = false;
            session.spliceBackpressure(in, false);
        }
        if (state == State.COPYING && session.relaying()) {
            // The transport's splice turns reading back on once its bytes have left; the copy path asks itself.
            in.channel.config().setAutoRead(false);
        }
    }

    /** Whether {@code in} is still read by the splice, or its end by the copy path after a FIN held here. */
    boolean readsOn() {
        return state == State.SPLICING || state == State.FAILED || finHeld;
    }

    /** The transport reported the peer's FIN on {@code in}: true if the session must wait for it here. */
    boolean holdsFin() {
        if (state == State.FAILED) {
            return true;
        }
        if (state == State.SPLICING) {
            finHeld = true;
            SessionFlow.finArrived(session, in);
            return true;
        }
        return false;
    }

    /**
     * The copy path read {@code in} to its end after the transport had already reported the FIN (it came
     * while splicing, and the direction was handed back before its end was read): the FIN is now real.
     */
    void inputDrained() {
        if (finHeld && state == State.COPYING) {
            finHeld = false;
            SessionFlow.finRead(session, in.side);
        }
    }

    /** The splice task ended: stopped on purpose, failed, or its socket closed. */
    @Override
    public void operationComplete(ChannelFuture f) {
        Throwable cause = f.cause();
        if (cause == SpliceReadHandle.STOP) {
            state = State.COPYING;
            if (session.relaying()) {
                in.channel.config().setAutoRead(false);
            }
            return;
        }
        if (state != State.SPLICING && state != State.ENDED) {
            return;
        }
        if (in.channel.isOpen() && out.channel.isOpen() && cause != null) {
            state = State.FAILED;
            in.channel.config().setAutoRead(false);
            // Still inside the transport's read pass: closing the socket here would let it read a closed fd.
            in.channel.eventLoop().execute(() -> SessionEndings.failed(session, in.side, cause));
        } else {
            state = State.COPYING;
            handle.copying();
        }
    }
}
