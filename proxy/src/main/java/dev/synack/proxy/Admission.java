package dev.synack.proxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.function.Predicate;

/**
 * Decides on each accepted socket on the listener's own event loop, in the order the kernel handed them
 * over, before the socket is given to a loop of its own: admission (connection limits) is then first
 * come, first served, however the accepted sockets are spread over the loops. A refused socket never
 * reaches a loop; {@code admit} has reset it.
 */
final class Admission extends ChannelInboundHandlerAdapter {
    private final Predicate<Channel> admit;

    Admission(Predicate<Channel> admit) {
        this.admit = admit;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Channel child && !admit.test(child)) {
            return;
        }
        ctx.fireChannelRead(msg);
    }
}
