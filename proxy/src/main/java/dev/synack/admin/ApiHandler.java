package dev.synack.admin;

import dev.synack.admin.model.ApiError;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the requests of one connection, one at a time and in order (pipelined requests wait their
 * turn): the dispatcher decides, endpoints run on the API's worker thread so that no backend call blocks
 * the event loop, and an endpoint that does not answer within the handler timeout is answered 503 in its
 * place. Whatever happens, every request gets exactly one response.
 */
final class ApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger log = LoggerFactory.getLogger(ApiHandler.class);

    /** A request waiting for its turn; {@code rejected} is set when the HTTP layer already knows the answer. */
    private record Pending(ApiRequest request, HttpVersion version, boolean keepAlive, ApiResponse rejected) {}

    private final ApiDispatcher dispatcher;
    private final Executor worker;
    private final Duration handlerTimeout;
    private final Queue<Pending> waiting = new ArrayDeque<>();
    private boolean busy;
    /** The client has sent its FIN: answer what it asked, then close (Go answers a half-closed client too). */
    private boolean inputShut;

    ApiHandler(ApiDispatcher dispatcher, Executor worker, Duration handlerTimeout) {
        this.dispatcher = dispatcher;
        this.worker = worker;
        this.handlerTimeout = handlerTimeout;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest msg) {
        deadline(ctx).requestArrived();
        if (msg.decoderResult().isFailure()) {
            // The decoder gives up on the connection after this: answer and close.
            waiting.add(new Pending(null, HttpVersion.HTTP_1_1, false, Replies.error(errorOf(msg.decoderResult().cause()))));
        } else {
            ApiRequest request = new ApiRequest(msg.method().name(), msg.uri(), ApiRequest.segments(msg.uri()),
                    msg.headers().get(HttpHeaderNames.USER_AGENT), msg.headers().get(HttpHeaderNames.AUTHORIZATION),
                    msg.headers().get(HttpHeaderNames.HOST), msg.headers().get(BrowserGuard.HEADER),
                    ByteBufUtil.getBytes(msg.content()));
            waiting.add(new Pending(request, msg.protocolVersion(), HttpUtil.isKeepAlive(msg), null));
        }
        next(ctx);
    }

    private static ApiError errorOf(Throwable cause) {
        return cause instanceof TooLongFrameException ? ApiError.HEADERS_TOO_LARGE : ApiError.MALFORMED_REQUEST;
    }

    private void next(ChannelHandlerContext ctx) {
        if (busy || waiting.isEmpty()) {
            return;
        }
        busy = true;
        Pending p = waiting.poll();
        if (p.rejected() != null) {
            write(ctx, p, p.rejected());
            return;
        }
        ApiDispatcher.Outcome outcome = dispatcher.dispatch(p.request());
        if (outcome instanceof ApiDispatcher.Immediate now) {
            write(ctx, p, now.response());
        } else {
            run(ctx, p, (ApiDispatcher.Deferred) outcome);
        }
    }

    private void run(ChannelHandlerContext ctx, Pending p, ApiDispatcher.Deferred call) {
        AtomicBoolean answered = new AtomicBoolean();
        ScheduledFuture<?> timeout = ctx.executor().schedule(() -> {
            if (answered.compareAndSet(false, true)) {
                log.warn("{} {} took longer than {} ms: answered 503", p.request().method(), p.request().path(), handlerTimeout.toMillis());
                write(ctx, p, Replies.error(ApiError.HANDLER_TIMEOUT));
            }
        }, handlerTimeout.toNanos(), TimeUnit.NANOSECONDS);
        try {
            worker.execute(() -> {
                ApiResponse r = call(p, call);
                ctx.executor().execute(() -> {
                    if (answered.compareAndSet(false, true)) {
                        timeout.cancel(false);
                        write(ctx, p, r);
                    }
                });
            });
        } catch (RejectedExecutionException stopping) {
            if (answered.compareAndSet(false, true)) {
                timeout.cancel(false);
                write(ctx, p, Replies.error(ApiError.HANDLER_TIMEOUT));
            }
        }
    }

    /** Runs an endpoint; even an {@link Error} becomes a 500, so the request is never left hanging. */
    private static ApiResponse call(Pending p, ApiDispatcher.Deferred call) {
        try {
            return call.call().call();
        } catch (Throwable t) {
            log.warn("{} {} failed: {}", p.request().method(), p.request().path(), t.toString(), t);
            return Replies.error(ApiError.INTERNAL.exception(t.toString()));
        }
    }

    private void write(ChannelHandlerContext ctx, Pending p, ApiResponse r) {
        boolean close = !p.keepAlive() || !ctx.channel().isActive();
        ChannelFuture written = ctx.writeAndFlush(NettyResponses.of(r, p.version(), close));
        if (p.rejected() != null) {
            // The decoder gave up mid-request: the client may still be sending.
            LingeringClose.after(written);
            return;
        }
        written.addListener(f -> {
            if (close || !f.isSuccess()) {
                ctx.close();
                return;
            }
            busy = false;
            deadline(ctx).responseWritten();
            if (inputShut && waiting.isEmpty()) {
                ctx.close();
                return;
            }
            next(ctx);
        });
    }

    private static RequestDeadlineHandler deadline(ChannelHandlerContext ctx) {
        return ctx.pipeline().get(RequestDeadlineHandler.class);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof ChannelInputShutdownEvent) {
            inputShut = true;
            if (!busy && waiting.isEmpty()) {
                ctx.close();
            }
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        waiting.clear();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("admin connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
