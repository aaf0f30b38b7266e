package dev.synack.fault;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.ScheduledFuture;

/**
 * The base of every fault handler: one fault acting on one direction of one connection, in that
 * direction's outbound path. It keeps what every fault must keep, so a fault class says only what it
 * does to bytes and to the FIN:
 * <ul>
 * <li>order: messages leave in the order they came, each with its own promise; a dropped one is released
 *     and its promise succeeds;</li>
 * <li>one end: after a FIN or RESET has left, nothing more does;</li>
 * <li>RESET passes at once, discarding what the fault holds (an RST discards queued data anyway);</li>
 * <li>the trigger: bytes pass untouched until it fires, then the fault acts and tells its context;</li>
 * <li>bounded memory: bytes it holds beyond the channel's high water mark make the channel unwritable
 *     through the user-defined writability bit the chain gave it, so the relay stops reading;</li>
 * <li>removal flushes what it holds, in order; an update hands it to the successor instead.</li>
 * </ul>
 * Subclasses run on the channel's event loop only.
 */
public abstract class FaultHandler extends ChannelOutboundHandlerAdapter {
    protected final FaultContext context;
    private final HeldQueue held = new HeldQueue();
    private final FaultTrigger trigger = new FaultTrigger(this);
    private Fault fault;
    private int writabilityIndex;
    private FaultHandler predecessor;
    private ChannelHandlerContext ctx;
    private boolean ended;
    private boolean retired;
    private boolean removed;

    protected FaultHandler(FaultContext context) {
        this.context = context;
    }

    /** Set by the chain before the handler enters the pipeline; {@code predecessor} is the one an update replaces. */
    final void bind(Fault fault, int writabilityIndex, FaultHandler predecessor) {
        this.fault = fault;
        this.writabilityIndex = writabilityIndex;
        this.predecessor = predecessor;
    }

    public final Fault fault() {
        return fault;
    }

    final int writabilityIndex() {
        return writabilityIndex;
    }

    // ---- what a fault does (overridden by fault classes) -------------------------------------------

    /**
     * The trigger fired (or there is none): the fault starts acting. Also called when an update replaced
     * the predecessor, whose trigger had fired: the new handler then already holds what that one held.
     */
    protected void onActivate(ChannelHandlerContext ctx) {}

    /** Bytes arrived while the fault acts. By default they pass, or queue behind what it holds. */
    protected void onBytes(ChannelHandlerContext ctx, ByteBuf buf, ChannelPromise promise) {
        passOrHold(ctx, buf, promise);
    }

    /** The FIN arrived while the fault acts. By default it passes behind what the fault holds. */
    protected void onFin(ChannelHandlerContext ctx, ChannelPromise promise) {
        passOrHold(ctx, StreamEnd.FIN, promise);
    }

    /** Takes over per-connection state other than what it holds (a byte count, a deadline) from the predecessor. */
    protected void inherit(FaultHandler predecessor) {}

    /**
     * The most bytes this fault holds before it makes the channel unwritable: the channel's high water
     * mark (the low mark, scaled alike, makes it writable again).
     */
    protected long holdLimit(long highWaterMark) {
        return highWaterMark;
    }

    /**
     * What the fault holds changed: it now holds {@code bytes}. Called at every change, before the
     * writability bit is set from it, so that a fault accounting for what it holds elsewhere (a budget
     * shared across connections) sees each change once.
     */
    protected void heldChanged(long bytes) {}

    /** Cancels the fault's own timers; called once when it leaves the pipeline. */
    protected void cancelTimers() {}

    /** The fault was removed from a live connection: by default what it holds leaves, in order. */
    protected void onRemove(ChannelHandlerContext ctx) {
        releaseAll(ctx);
    }

    // ---- the outbound path -------------------------------------------------------------------------

    @Override
    public final void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        FaultHandler old = predecessor;
        predecessor = null;
        boolean successor = old != null && old.getClass() == getClass();
        if (successor) {
            adopt(old);
        }
        updateWritability();
        trigger.start(ctx, successor ? old.trigger : null);
    }

    @Override
    public final void handlerRemoved(ChannelHandlerContext ctx) {
        removed = true;
        trigger.cancel();
        cancelTimers();
        if (!retired) {
            held.stall(false);
            onRemove(ctx);
            updateWritability();
        }
    }

    @Override
    public final void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg == StreamEnd.RESET) {
            // An RST always passes, even after this fault ended the stream: the session's abort (shutdown,
            // the linger deadline of a graceful close) must reach the socket.
            discardAll();
            ended = true;
            ctx.write(msg, promise);
        } else if (ended) {
            drop(msg, promise);
        } else if (!trigger.fired()) {
            trigger.pass(ctx, msg, promise);
        } else if (msg instanceof ByteBuf buf) {
            onBytes(ctx, buf, promise);
        } else if (msg == StreamEnd.FIN) {
            onFin(ctx, promise);
        } else {
            ctx.write(msg, promise);
        }
    }

    /** Called by the trigger when it fires; {@code resumed} after an update, which is no new application. */
    final void activate(ChannelHandlerContext ctx, boolean resumed) {
        if (removed || retired) {
            return;
        }
        if (!resumed) {
            context.applied(fault);
        }
        onActivate(ctx);
    }

    // ---- tools for fault classes ------------------------------------------------------------------

    /** Passes a message on; a FIN or RESET passes once, and ends what this fault may pass. */
    protected final void forward(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof StreamEnd) {
            if (ended) {
                drop(msg, promise);
                return;
            }
            ended = true;
        }
        ctx.write(msg, promise);
    }

    /** The fault ends the connection itself: FIN ends it gracefully, RESET resets both sockets. */
    protected final void end(ChannelHandlerContext ctx, StreamEnd how) {
        forward(ctx, how, ctx.newPromise());
        ctx.flush();
    }

    /** Drops a message: its bytes are reported as discarded, it is released, its promise succeeds. */
    protected final void drop(Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf buf && buf.isReadable()) {
            context.discarded(buf.readableBytes());
        }
        ReferenceCountUtil.release(msg);
        promise.trySuccess();
    }

    /** Whether the trigger has fired: the fault acts on what arrives. */
    protected final boolean acting() {
        return trigger.fired();
    }

    /** Whether a FIN or RESET has left this fault: nothing more will. */
    protected final boolean ended() {
        return ended;
    }

    /** Passes a message on at once if nothing is held, else queues it behind what is. */
    protected final void passOrHold(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (held.isEmpty()) {
            forward(ctx, msg, promise);
        } else {
            hold(msg, promise);
        }
    }

    /** Queues a message, stamped with its arrival time. */
    protected final Held hold(Object msg, ChannelPromise promise) {
        Held h = new Held(msg, promise, now());
        held.add(h);
        updateWritability();
        return h;
    }

    protected final Held peekHeld() {
        return held.peek();
    }

    /** Removes the oldest held message, for the caller to pass on. */
    protected final Held pollHeld() {
        Held h = held.poll();
        updateWritability();
        return h;
    }

    /** The first {@code n} bytes of the oldest held message (which must be bytes), leaving the rest held. */
    protected final ByteBuf takeBytes(Held h, int n) {
        ByteBuf part = ((ByteBuf) h.msg).readRetainedSlice(n);
        held.took(n);
        updateWritability();
        return part;
    }

    protected final boolean holding() {
        return !held.isEmpty();
    }

    protected final Iterable<Held> heldMessages() {
        return held;
    }

    /** Passes on everything held, in order, and flushes. */
    protected final void releaseAll(ChannelHandlerContext ctx) {
        boolean any = holding();
        for (Held h = pollHeld(); h != null; h = pollHeld()) {
            forward(ctx, h.msg, h.promise);
        }
        if (any) {
            ctx.flush();
        }
    }

    /** Drops everything held. */
    protected final void discardAll() {
        for (Held h = pollHeld(); h != null; h = pollHeld()) {
            drop(h.msg, h.promise);
        }
    }

    /**
     * Holds the channel unwritable while {@code on}, whatever this fault holds: the relay stops reading
     * the other side, whose peer's window then fills.
     */
    protected final void stall(boolean on) {
        held.stall(on);
        updateWritability();
    }

    /** Runs {@code task} on the loop after {@code delayNanos} of the context's clock, unless the fault has left by then. */
    protected final ScheduledFuture<?> schedule(Runnable task, long delayNanos) {
        return context.clock().schedule(ctx.executor(), () -> {
            if (!removed && !retired) {
                task.run();
            }
        }, delayNanos);
    }

    protected final long now() {
        return context.clock().nanoTime();
    }

    protected final ChannelHandlerContext ctx() {
        return ctx;
    }

    private void adopt(FaultHandler old) {
        held.adopt(old.held);
        ended = old.ended;
        old.retired = true;
        inherit(old);
    }

    private void updateWritability() {
        if (!retired) {
            heldChanged(held.bytes());
            held.updateWritability(ctx, writabilityIndex, this::holdLimit);
        }
    }
}
