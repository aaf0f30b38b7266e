package dev.synack.admin;

import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the admin listener's accept failures, which otherwise reach the end of its pipeline as Netty's
 * "exceptionCaught() reached the tail" warning, once a second while they last. Out of file descriptors
 * (EMFILE), accept() fails on every wake-up: the listener pauses a second, as Netty's own acceptor would,
 * and one line at most every 10 s says why, with the count in between. Runs on the listener's loop only.
 */
final class AdminAcceptFailures extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(AdminAcceptFailures.class);
    private static final long REPORT_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

    private long lastReport = System.nanoTime() - REPORT_EVERY_NANOS;
    private long held;

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ChannelConfig config = ctx.channel().config();
        if (config.isAutoRead()) {
            config.setAutoRead(false);
            ctx.channel().eventLoop().schedule(() -> config.setAutoRead(true), 1, TimeUnit.SECONDS);
        }
        long now = System.nanoTime();
        if (now - lastReport < REPORT_EVERY_NANOS) {
            held++;
            return;
        }
        lastReport = now;
        log.warn("admin API: accept failed: {}; clients wait in the backlog, retrying in 1s{}",
                cause.getMessage() == null ? cause.toString() : cause.getMessage(),
                held == 0 ? "" : " (" + held + " more failures since the last report)");
        held = 0;
    }
}
