package dev.synack.admin;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection after an answer its client may still be sending into (a 413 while the body streams
 * in, a 408, a malformed request): the answer and a FIN go out, what the client goes on sending is read and
 * dropped, and the socket closes when the client closes or after two seconds. Closing at once would leave
 * unread bytes, which makes the kernel send an RST that can destroy the answer before the client reads it.
 */
final class LingeringClose {
    static final long LINGER_MILLIS = 2000;

    private LingeringClose() {}

    /** Once {@code written} completes, shuts the output and drains the input until the client is done. */
    static void after(ChannelFuture written) {
        written.addListener(f -> {
            Channel ch = written.channel();
            if (!f.isSuccess() || !(ch instanceof SocketChannel socket) || !ch.isActive()) {
                ch.close();
                return;
            }
            ch.pipeline().addFirst(new Drain());
            socket.shutdownOutput();
            ch.eventLoop().schedule(() -> ch.close(), LINGER_MILLIS, TimeUnit.MILLISECONDS);
        });
    }

    /** Drops every byte read and closes once the client has sent its FIN. */
    private static final class Drain extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof ChannelInputShutdownEvent) {
                ctx.close();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
