package dev.synack.proxy;

import dev.synack.observe.Side;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.ChannelInputShutdownReadComplete;
import io.netty.util.ReferenceCountUtil;

/**
 * Hands every inbound event of one socket of a session to the {@link Session}, tagged with the socket's
 * side. One instance per channel; the session holds all state, so this class decides nothing but one
 * thing: an upstream channel's events count only once the session has taken it as its leg. Until then
 * (a connect in progress, or an attempt that failed: epoll can report a refused connect as an input
 * shutdown) they are dropped. The socket's close reaches the session from the {@link OutboundTail}.
 */
final class RelayHandler extends ChannelInboundHandlerAdapter {
    private final Session session;
    private final Side side;

    RelayHandler(Session session, Side side) {
        this.session = session;
        this.side = side;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (side == Side.DOWNSTREAM) {
            session.start();
        }
    }

    private boolean isLeg(ChannelHandlerContext ctx) {
        return side == Side.DOWNSTREAM || session.isUpstream(ctx.channel());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buf && isLeg(ctx)) {
            SessionFlow.relay(session, side, buf);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (isLeg(ctx)) {
            SessionFlow.readComplete(session, side);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == ChannelInputShutdownEvent.INSTANCE && isLeg(ctx)) {
            SessionFlow.finRead(session, side);
        } else if (evt == ChannelInputShutdownReadComplete.INSTANCE && isLeg(ctx)) {
            session.inputDrained(side);
        }
        ReferenceCountUtil.release(evt);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (isLeg(ctx)) {
            SessionFlow.writabilityChanged(session, side);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (isLeg(ctx)) {
            SessionEndings.failed(session, side, cause);
        }
    }
}
