package dev.synack.admin;

import dev.synack.admin.model.ApiError;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.ReferenceCountUtil;

/**
 * Aggregates a request and its body, refusing a body over the limit with the API's JSON 413 (Netty's
 * own is empty) and closing the connection ({@link LingeringClose}): whether announced by
 * {@code Content-Length}, answered to {@code Expect: 100-continue}, or found while a chunked body streams in.
 */
final class BodyLimitAggregator extends HttpObjectAggregator {
    BodyLimitAggregator(int maxBodyBytes) {
        super(maxBodyBytes, true);
    }

    @Override
    protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
        Object response = super.newContinueResponse(start, maxContentLength, pipeline);
        if (response instanceof FullHttpResponse r && r.status().equals(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE)) {
            ReferenceCountUtil.release(r);
            return NettyResponses.closing(ApiError.BODY_TOO_LARGE);
        }
        return response;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        LingeringClose.after(ctx.writeAndFlush(NettyResponses.closing(ApiError.BODY_TOO_LARGE)));
    }
}
