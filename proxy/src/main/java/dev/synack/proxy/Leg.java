package dev.synack.proxy;

import dev.synack.observe.OptionReading;
import dev.synack.observe.Side;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.SingleThreadEventLoop;
import java.util.List;

/**
 * One side of a {@link Session}: its channel (upstream: none until connected) and what has happened on
 * it. Touched only on the session's event loop.
 */
final class Leg {
    final Side side;
    Channel channel;
    List<OptionReading> options = List.of();
    /** A read was asked for and has not delivered yet (bytes read unasked are the transport's FIN drain). */
    boolean readAsked;
    /** The peer's FIN was read here. */
    boolean finRead;
    /** Our FIN went out here. */
    boolean finSent;
    /** Reading here waits for the other leg to drain. */
    boolean paused;
    private boolean flushQueued;
    private final Runnable flush = () -> {
        flushQueued = false;
        channel.flush();
    };

    Leg(Side side) {
        this.side = side;
    }

    void requestRead() {
        readAsked = true;
        channel.read();
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
                loop.executeAfterEventLoopIteration(flush);
            } else {
                channel.eventLoop().execute(flush);
            }
        }
    }

    /** Whether the read that just completed here ended at the peer's FIN (read returned EOF). */
    boolean readEndedAtEof() {
        return channel.unsafe().recvBufAllocHandle().lastBytesRead() < 0;
    }

    /**
     * Our FIN is out, so the peer's FIN is the last thing this leg can bring: without half-closure the
     * transport closes the channel at that EOF at once (one shutdown() and one epoll change fewer), and
     * the session takes that close for the FIN.
     */
    void closeAtPeersFin() {
        channel.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, false);
    }

    /** Whether the channel closing now, unasked, is the close {@link #closeAtPeersFin} arranged. */
    boolean closedAtPeersFin() {
        return finSent && !finRead;
    }
}
