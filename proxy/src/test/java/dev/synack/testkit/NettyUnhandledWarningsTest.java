package dev.synack.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.DefaultChannelPipeline;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.local.LocalChannel;
import org.junit.jupiter.api.Test;

/** The guard sees what it is for: an exception that reaches the end of a real channel's pipeline with no handler. */
class NettyUnhandledWarningsTest {

    @Test
    void anExceptionThatReachesTheTailIsCaught() throws Exception {
        NettyUnhandledWarnings.install();
        NettyUnhandledWarnings.collectOnly(DefaultChannelPipeline.class.getName(), true);
        DefaultEventLoopGroup loop = new DefaultEventLoopGroup(1);
        try {
            // Not an EmbeddedChannel: that one keeps such exceptions for the test instead of logging them.
            Channel ch = new Bootstrap().group(loop).channel(LocalChannel.class).handler(new ChannelInboundHandlerAdapter())
                    .register().sync().channel();
            ch.pipeline().fireExceptionCaught(new IllegalStateException("nobody handles this"));
            ch.eventLoop().submit(() -> { }).sync();
            ch.close().sync();
        } finally {
            NettyUnhandledWarnings.collectOnly(DefaultChannelPipeline.class.getName(), false);
            loop.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.SECONDS).sync();
        }
        // Taken here, so the guard's own check after this test finds nothing left.
        assertThat(NettyUnhandledWarnings.drain())
                .anySatisfy(w -> assertThat(w).contains("reached at the tail of the pipeline").contains("nobody handles this"));
    }
}
