package dev.synack.proxy;

import dev.synack.fault.StreamEnd;
import dev.synack.observe.Direction;
import dev.synack.net.TcpInfoReader;
import dev.synack.observe.OptionReading;
import dev.synack.observe.Side;
import dev.synack.observe.TcpInfo;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.SingleThreadEventLoop;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * One socket of a {@link Session} (upstream: none until connected) and what has happened on it. The
 * session talks to it in terms of the direction written on it — write, FIN, abort — all of which travel
 * the socket's outbound path ({@link OutboundTail} and the faults in front of it) in order. Touched only
 * on the session's event loop.
 */
final class Leg implements TailEvents, Runnable {
    /** What synack has done to this socket's sending half. */
    enum Output {
        OPEN,
        /** The session wrote the FIN into the outbound path; it may still be behind bytes or a fault. */
        FIN_QUEUED,
        FIN_SENT,
        RESET,
        /** Closed sending nothing, at a fault's request. */
        VANISHED
    }

    final Side side;
    /** The direction whose bytes this socket sends. */
    final Direction written;
    private final Session session;
    Channel channel;
    InetSocketAddress local;
    InetSocketAddress remote;
    List<OptionReading> options = List.of();
    Output output = Output.OPEN;
    /** The peer's FIN was read here. */
    boolean inputEnded;
    /** Observers were told of the peer's FIN (a splice may still be reading the bytes before it). */
    boolean finReported;
    /** The socket's fd is closed. */
    boolean closed;
    /** The session closed the socket itself (not the transport at the peer's FIN, not a fault). */
    boolean closeAsked;
    /** A read was asked for and has not delivered yet (bytes read unasked are the transport's FIN drain). */
    boolean readAsked;
    /** Reading here waits for the other leg to drain. */
    boolean paused;
    /** The socket's tcp_info at its end ({@link #lastLook()}), or null. */
    TcpInfo endInfo;
    /**
     * Reads are asked for after the current pass: set once a splice was queued on this socket, whose read
     * passes (the epoll transport's splice path, kept for the socket's life) turn reading off as they end,
     * after the handlers, so a read asked for inside a pass would be lost.
     */
    boolean readsDeferred;
    private final Runnable deferredRead = () -> {
        if (channel.isOpen()) {
            channel.read();
        }
    };
    private boolean looked;
    private boolean flushQueued;

    Leg(Session session, Side side) {
        this.session = session;
        this.side = side;
        this.written = side == Side.DOWNSTREAM ? Direction.SERVICE_TO_CLIENT : Direction.CLIENT_TO_SERVICE;
    }

    Session session() {
        return session;
    }

    /** Takes {@code ch} as this leg's socket. */
    void adopt(Channel ch) {
        channel = ch;
        local = (InetSocketAddress) ch.localAddress();
        remote = (InetSocketAddress) ch.remoteAddress();
    }

    // ---- the outbound path ---------------------------------------------------------------------------

    /** Bytes for this socket's peer; flushed by {@link #flushSoon()} or by the FIN that follows them. */
    void write(ByteBuf buf) {
        channel.write(buf, channel.voidPromise());
    }

    /** Ends the direction written here with a FIN after every byte before it; once only. */
    void fin() {
        if (output == Output.OPEN && channel != null) {
            output = Output.FIN_QUEUED;
            channel.write(StreamEnd.FIN, channel.voidPromise());
        }
    }

    /** Resets this socket (an RST to its peer), once; whatever is still queued for it is dropped. */
    void abort() {
        if (channel != null && channel.isOpen() && output != Output.RESET) {
            output = Output.RESET;
            channel.writeAndFlush(StreamEnd.RESET, channel.voidPromise());
        }
    }

    /** Closes the socket: a FIN if nothing is left unread on it, else an RST (the kernel's choice). */
    void close() {
        if (channel != null) {
            closeAsked = true;
            channel.close();
        }
    }

    boolean isOpen() {
        return channel != null && !closed;
    }

    /**
     * Reads the socket's tcp_info once, when an observer wants it: called at synack's FIN, an RST sent or
     * read, a socket error and a silent close, the last moments the fd is surely open (once the transport
     * closes it at the peer's FIN, nobody is told before). The first of them counts: one getsockopt per
     * socket.
     */
    void lastLook() {
        if (!looked && channel != null && session.readsTcpInfo()) {
            looked = true;
            endInfo = TcpInfoReader.read(channel).orElse(null);
        }
    }

    // ---- reading -------------------------------------------------------------------------------------

    void requestRead() {
        readAsked = true;
        if (readsDeferred) {
            channel.eventLoop().execute(deferredRead);
        } else {
            channel.read();
        }
    }

    /** Reads on and drops what comes, until the peer's FIN: closing with unread bytes would send an RST. */
    void discardUntilFin() {
        channel.config().setAutoRead(true);
    }

    /**
     * Flushes at the end of the loop's current pass instead of at once. A peer's FIN often comes in the
     * same wake-up as its last bytes (EPOLLIN|EPOLLRDHUP), but the transport reads it in a second pass,
     * sometimes as a task it queues after this read completes; flushed only after that, the bytes can
     * leave in the FIN's segment. Costs one tail task per read; no byte waits longer than the pass.
     */
    void flushSoon() {
        if (!flushQueued) {
            flushQueued = true;
            if (channel.eventLoop() instanceof SingleThreadEventLoop loop) {
                loop.executeAfterEventLoopIteration(this);
            } else {
                channel.eventLoop().execute(this);
            }
        }
    }

    /** The flush {@link #flushSoon()} defers (the leg is its own task: a lambda field would cost 16 bytes per socket). */
    @Override
    public void run() {
        flushQueued = false;
        channel.flush();
    }

    // ---- TailEvents ----------------------------------------------------------------------------------

    @Override
    public void written(Channel ch, int n) {
        session.written(this, n);
    }

    @Override
    public void finSent(Channel ch) {
        if (ch == channel) {
            lastLook();
            SessionEndings.finSent(session, this);
        }
    }

    @Override
    public void resetSent(Channel ch) {
        if (ch == channel) {
            lastLook();
            SessionEndings.resetSent(session, this);
        }
    }

    @Override
    public void vanished(Channel ch) {
        if (ch == channel) {
            lastLook();
            SessionEndings.vanished(session, this);
        }
    }

    @Override
    public boolean inputSpliced(Channel ch) {
        return ch == channel && session.readsSpliced(side);
    }

    @Override
    public void socketClosed(Channel ch) {
        if (ch == channel) {
            SessionEndings.socketClosed(session, this);
        }
    }
}
