package dev.synack.proxy;

import dev.synack.net.FdLimits;
import io.netty.channel.Channel;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides on each accepted socket on the listener's own event loop, in the order the kernel handed them
 * over, before the socket is given to a loop of its own: admission (connection limits) is then first
 * come, first served, however the accepted sockets are spread over the loops. A refused socket never
 * reaches a loop; {@code admit} has reset it.
 *
 * <p>It also takes the listener's accept failures. Out of file descriptors (EMFILE, ENFILE), accept()
 * fails on every wake-up while clients wait in the backlog: the listener pauses a second, and one line
 * names the limit with its numbers, at most every {@link #REPORT_EVERY_NANOS} with the count in between.
 *
 * <p>While accepting is paused on purpose (accept_pause) the listener's auto-read is off, from before it
 * binds when the pause is there from the start. A socket accepted all the same (io_uring has an accept in
 * flight when the pause begins) waits here, as it would have in the kernel's backlog, and goes on first
 * when accepting resumes; if the listener closes meanwhile it is reset, as the kernel resets its queue.
 */
final class Admission extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(Admission.class);
    private static final long REPORT_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final String proxy;
    private final Predicate<Channel> admit;
    private final BooleanSupplier paused;
    private final ReportGate reports = new ReportGate(REPORT_EVERY_NANOS);
    private final ArrayDeque<Channel> held = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    /** The listener is being closed; set from the thread that closes it. */
    private volatile boolean stopped;

    /** {@code paused} says whether accepting is paused on purpose (accept_pause), so the back-off must not resume it. */
    Admission(String proxy, Predicate<Channel> admit, BooleanSupplier paused) {
        this.proxy = proxy;
        this.admit = admit;
        this.paused = paused;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        if (paused.getAsBoolean()) {
            // Before the bind: an active listener with auto-read on would post its first accept at once.
            ctx.channel().config().setAutoRead(false);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Channel child) {
            if (paused.getAsBoolean()) {
                held.add(child);
                return;
            }
            if (!admit.test(child)) {
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }

    /**
     * accept_pause: the listener's auto-read is what makes the transport call accept(), so turning it off
     * leaves new connections in the kernel's backlog (and, once that is full, SYNs dropped); resuming lets
     * the sockets accepted meanwhile go on first. On the listener's loop.
     */
    static void pause(Channel listener, boolean paused) {
        listener.config().setAutoRead(!paused);
        if (!paused) {
            Admission admission = listener.pipeline().get(Admission.class);
            if (admission != null) {
                admission.resumed();
            }
            listener.read();
        }
    }

    /** Accepting resumed: the sockets accepted while it was paused go on first, in their order. */
    private void resumed() {
        for (Channel child = held.poll(); child != null; child = held.poll()) {
            if (admit.test(child)) {
                ctx.fireChannelRead(child);
            }
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        for (Channel child = held.poll(); child != null; child = held.poll()) {
            try {
                child.config().setOption(ChannelOption.SO_LINGER, 0);
            } catch (RuntimeException e) {
                // gone already
            }
            child.unsafe().closeForcibly();
        }
        ctx.fireChannelInactive();
    }

    /**
     * Says that the listener is being closed. io_uring fails the accept it has in flight when the socket is
     * shut down (EINVAL): that is the close itself, not a failure to report or to back off from.
     */
    void stop() {
        stopped = true;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (stopped) {
            return;
        }
        // What Netty's acceptor would do after it: stop accepting for a second to let the process recover.
        ChannelConfig config = ctx.channel().config();
        if (config.isAutoRead()) {
            config.setAutoRead(false);
            ctx.channel().eventLoop().schedule(() -> config.setAutoRead(!paused.getAsBoolean()), 1, TimeUnit.SECONDS);
        }
        long unreported = reports.pass();
        if (unreported < 0) {
            return;
        }
        String why = switch (SocketErrors.fdShortage(cause)) {
            case 1 -> FdLimits.describe(false);
            case 2 -> FdLimits.describe(true);
            default -> SocketErrors.describe(cause);
        };
        log.warn("[{}] accept failed: {}; clients wait in the backlog, retrying in 1s{}",
                proxy, why, unreported == 0 ? "" : " (" + unreported + " more failures since the last report)");
    }
}
