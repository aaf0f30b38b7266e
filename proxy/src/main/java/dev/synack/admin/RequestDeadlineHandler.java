package dev.synack.admin;

import dev.synack.admin.model.ApiError;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateEvent;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the time a client can hold the API: once the first bytes of a request arrive, the whole request
 * must arrive within the request timeout, else it is answered 408 and the connection closed (so a client
 * sending a body a byte at a time cannot hold a connection); a connection idle between requests is closed
 * when the idle state handler says so. Sits at the head of the pipeline, where it sees raw bytes.
 */
final class RequestDeadlineHandler extends ChannelDuplexHandler {
    private final Duration timeout;
    private ScheduledFuture<?> deadline;
    /** Requests received whole and not yet answered (more than one when a client pipelines). */
    private int unanswered;

    RequestDeadlineHandler(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof ByteBuf buf && buf.isReadable() && deadline == null && unanswered == 0) {
            deadline = ctx.executor().schedule(() -> expire(ctx), timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        super.channelRead(ctx, msg);
    }

    /** A whole request has arrived: its deadline is met, and none starts until every response is written. */
    void requestArrived() {
        cancel();
        unanswered++;
    }

    /** A response is written: once none is owed, the next bytes start the next request's deadline. */
    void responseWritten() {
        unanswered--;
    }

    private void expire(ChannelHandlerContext ctx) {
        deadline = null;
        if (ctx.channel().isActive()) {
            // Written from the tail so that the HTTP encoder, which sits after this handler, encodes it.
            LingeringClose.after(ctx.channel().writeAndFlush(NettyResponses.closing(ApiError.REQUEST_TIMEOUT)));
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent && deadline == null && unanswered == 0) {
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancel();
        super.channelInactive(ctx);
    }

    private void cancel() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }
}
