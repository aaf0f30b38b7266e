package dev.synack.proxy;

import dev.synack.fault.FaultFailedException;
import dev.synack.fault.StreamEnd;
import dev.synack.net.FinCoalescing;
import dev.synack.net.SilentClose;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.concurrent.GenericFutureListener;
import io.netty.util.concurrent.Future;
import java.io.IOException;

/**
 * The end of a socket's outbound path, nearest the socket: it writes the bytes, sends the FIN once every
 * byte before it is flushed, performs the RST and the silent close a fault may ask for, and is the one
 * place that reports them (and the socket's close) to the session. Bytes and {@link StreamEnd} markers reach it in the order the session and the
 * fault handlers in front of it wrote them, so a FIN can never overtake the bytes it follows.
 *
 * <p>The FIN costs as little as it can: bytes still queued when it comes are corked (native transports)
 * so that they leave in the FIN's segment; a socket whose peer's FIN was read already is done once ours
 * is out, so close() sends it (nothing is left unread, so the kernel sends a FIN, not an RST); otherwise
 * shutdown(SHUT_WR) sends it and half-closure is turned off, so that the transport closes the socket as
 * soon as the peer's FIN arrives.
 */
final class OutboundTail extends ChannelOutboundHandlerAdapter implements ChannelFutureListener {
    static final String NAME = "synack.tail";

    private final TailEvents events;
    /** The channel this tail ends, for the close listener (which the tail is: a lambda would cost 24 bytes per socket). */
    private Channel channel;
    /** Counts the writes that come with the void promise; made at the first of them. */
    private WriteTally tally;

    OutboundTail(TailEvents events) {
        this.events = events;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        channel.closeFuture().addListener(this);
    }

    /** The socket's close: reported to the session. */
    @Override
    public void operationComplete(ChannelFuture closed) {
        events.socketClosed(channel);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf buf) {
            int n = buf.readableBytes();
            if (n == 0) {
                ctx.write(msg, promise);
                return;
            }
            ctx.write(msg, counted(ctx, promise, n));
        } else if (msg instanceof SplicedBytes spliced) {
            // The bytes were queued on the socket by the transport's splice; once this is written, so are they.
            ctx.write(Unpooled.EMPTY_BUFFER, counted(ctx, promise, spliced.n()));
        } else if (msg == StreamEnd.FIN) {
            fin(ctx, promise);
        } else if (msg == StreamEnd.RESET) {
            reset(ctx.channel(), promise);
        } else if (msg == StreamEnd.VANISH) {
            vanish(ctx, promise);
        } else {
            ctx.write(msg, promise);
        }
    }

    /**
     * The promise to write {@code n} bytes with, so that they are reported once written: the socket's
     * {@link WriteTally} for a write nobody waits on (the session's), or the writer's own promise with a
     * listener.
     */
    private ChannelPromise counted(ChannelHandlerContext ctx, ChannelPromise promise, int n) {
        if (promise.isVoid()) {
            if (tally == null) {
                tally = new WriteTally(ctx.channel(), events);
            }
            return tally.queued(n);
        }
        promise.addListener(new Written(ctx.channel(), n));
        return promise;
    }

    private void fin(ChannelHandlerContext ctx, ChannelPromise promise) {
        Channel ch = ctx.channel();
        if (!ch.isActive()) {
            promise.trySuccess();
            return;
        }
        ChannelOutboundBuffer queued = ch.unsafe().outboundBuffer();
        if (queued == null || queued.totalPendingWriteBytes() == 0) {
            finNow(ctx, promise);
            return;
        }
        // shutdown() would discard the writes still queued: the FIN waits for the last of them, and
        // what is left of them is corked so that it leaves with the FIN.
        FinCoalescing.corkBeforeFin(ch);
        ChannelPromise flushed = ctx.newPromise();
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER, flushed);
        flushed.addListener(f -> {
            if (f.isSuccess()) {
                finNow(ctx, promise);
            } else {
                fail(ctx, promise, f.cause());
            }
        });
    }

    private void finNow(ChannelHandlerContext ctx, ChannelPromise promise) {
        DuplexChannel ch = (DuplexChannel) ctx.channel();
        boolean spliced = events.inputSpliced(ch);
        if (ch.isInputShutdown() && !spliced) {
            events.finSent(ch);
            ch.close();
            promise.trySuccess();
            return;
        }
        boolean sent;
        try {
            sent = FinCoalescing.shutdownOutput(ch);
        } catch (IOException e) {
            fail(ctx, promise, e);
            return;
        }
        if (sent) {
            finSent(ch, promise, spliced);
            return;
        }
        ch.shutdownOutput().addListener(shut -> {
            if (shut.isSuccess()) {
                finSent(ch, promise, spliced);
            } else {
                fail(ctx, promise, shut.cause());
            }
        });
    }

    /** The FIN is out; a socket whose input a splice still reads stays open and half-closed until its end. */
    private void finSent(DuplexChannel ch, ChannelPromise promise, boolean spliced) {
        if (!ch.isInputShutdown() && !spliced) {
            ch.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, false);
        }
        events.finSent(ch);
        promise.trySuccess();
    }

    /** A FIN that could not be sent: the session hears of it once, as a socket error of this channel. */
    private static void fail(ChannelHandlerContext ctx, ChannelPromise promise, Throwable cause) {
        if (!promise.isVoid()) {
            promise.tryFailure(cause);
        }
        ctx.fireExceptionCaught(cause);
    }

    private void reset(Channel ch, ChannelPromise promise) {
        if (ch.isOpen()) {
            events.resetSent(ch);
            abort(ch);
        }
        promise.trySuccess();
    }

    private void vanish(ChannelHandlerContext ctx, ChannelPromise promise) {
        Channel ch = ctx.channel();
        if (!ch.isOpen()) {
            promise.trySuccess();
            return;
        }
        ChannelOutboundBuffer queued = ch.unsafe().outboundBuffer();
        if (queued != null && queued.totalPendingWriteBytes() > 0) {
            // The bytes before it (those a trigger let pass) go to the kernel first, as before a FIN;
            // closing now would throw them away with the socket.
            ChannelPromise flushed = ctx.newPromise();
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER, flushed);
            flushed.addListener(f -> vanishNow(ctx, promise));
            return;
        }
        vanishNow(ctx, promise);
    }

    private void vanishNow(ChannelHandlerContext ctx, ChannelPromise promise) {
        Channel ch = ctx.channel();
        if (!ch.isOpen()) {
            promise.trySuccess();
            return;
        }
        try {
            events.vanished(ch);
            SilentClose.vanish(ch);
            promise.trySuccess();
        } catch (IOException | RuntimeException e) {
            fail(ctx, promise, new FaultFailedException("closing without FIN or RST: setsockopt(TCP_REPAIR) failed ("
                    + e.getMessage() + "); it needs CAP_NET_ADMIN and the epoll or io_uring transport", e));
        }
    }

    /** Resets {@code ch}: SO_LINGER 0 makes close() abort the connection with an RST. */
    static void abort(Channel ch) {
        try {
            ch.config().setOption(ChannelOption.SO_LINGER, 0);
        } catch (RuntimeException e) {
            // the socket is gone already: close() below is all that is left to do
        }
        ch.close();
    }

    /** Counts the bytes of a write with a promise of its own once the transport has handed them to the kernel. */
    private final class Written implements GenericFutureListener<Future<? super Void>> {
        private final Channel ch;
        private final int n;

        Written(Channel ch, int n) {
            this.ch = ch;
            this.n = n;
        }

        @Override
        public void operationComplete(Future<? super Void> f) {
            if (f.isSuccess()) {
                events.written(ch, n);
            }
        }
    }
}
