package dev.synack.proxy;

import dev.synack.net.FdLimits;
import io.netty.channel.Channel;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
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
 */
final class Admission extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(Admission.class);
    private static final long REPORT_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final String proxy;
    private final Predicate<Channel> admit;
    private final BooleanSupplier paused;
    private final ReportGate reports = new ReportGate(REPORT_EVERY_NANOS);
    /** The listener is being closed; set from the thread that closes it. */
    private volatile boolean stopped;

    /** {@code paused} says whether accepting is paused on purpose (accept_pause), so the back-off must not resume it. */
    Admission(String proxy, Predicate<Channel> admit, BooleanSupplier paused) {
        this.proxy = proxy;
        this.admit = admit;
        this.paused = paused;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Channel child && !admit.test(child)) {
            return;
        }
        ctx.fireChannelRead(msg);
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
        long held = reports.pass();
        if (held < 0) {
            return;
        }
        String why = switch (SocketErrors.fdShortage(cause)) {
            case 1 -> FdLimits.describe(false);
            case 2 -> FdLimits.describe(true);
            default -> SocketErrors.describe(cause);
        };
        log.warn("[{}] accept failed: {}; clients wait in the backlog, retrying in 1s{}",
                proxy, why, held == 0 ? "" : " (" + held + " more failures since the last report)");
    }
}
