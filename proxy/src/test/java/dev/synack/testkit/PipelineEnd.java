package dev.synack.testkit;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * The last handler of a test's own pipeline (a stand-in client or service built on Netty): it releases
 * every message that got this far and takes every exception, closing the channel, so that nothing reaches
 * Netty's tail — a reset while a test tears its sockets down is no news to the test, and
 * {@link NettyUnhandledWarnings} would fail it.
 */
@ChannelHandler.Sharable
public final class PipelineEnd extends ChannelInboundHandlerAdapter {
    public static final PipelineEnd INSTANCE = new PipelineEnd();

    private PipelineEnd() {}

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
