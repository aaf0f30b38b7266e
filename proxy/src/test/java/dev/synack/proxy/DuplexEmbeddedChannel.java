package dev.synack.proxy;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DuplexChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@link EmbeddedChannel} with the half-close calls of a socket, recorded in order with what had been
 * written by then, so a test can tell whether the FIN left after the bytes before it. Writes complete at
 * once, as to a socket with room in its send buffer.
 */
class DuplexEmbeddedChannel extends EmbeddedChannel implements DuplexChannel {
    /** What happened to the socket, in order: "bytes:N" per write reaching it, "FIN", "close". */
    final List<String> socket = new ArrayList<>();
    private boolean inputShutdown;
    private boolean outputShutdown;
    /** Writes the socket still takes before it breaks (EPIPE); unlimited when negative. */
    private int writesBeforeBreaking = -1;

    DuplexEmbeddedChannel(ChannelHandler... handlers) {
        super(handlers);
    }

    /** The socket takes {@code writes} more writes, then the next one fails as on a reset connection. */
    void breakAfter(int writes) {
        writesBeforeBreaking = writes;
    }

    /** As if the peer's FIN had been read. */
    void peerFinRead() {
        inputShutdown = true;
    }

    @Override public boolean isInputShutdown() { return inputShutdown; }
    @Override public ChannelFuture shutdownInput() { return shutdownInput(newPromise()); }
    @Override public ChannelFuture shutdownInput(ChannelPromise promise) {
        inputShutdown = true;
        return promise.setSuccess();
    }
    @Override public boolean isOutputShutdown() { return outputShutdown; }
    @Override public ChannelFuture shutdownOutput() { return shutdownOutput(newPromise()); }
    @Override public ChannelFuture shutdownOutput(ChannelPromise promise) {
        outputShutdown = true;
        socket.add("FIN");
        return promise.setSuccess();
    }
    @Override public boolean isShutdown() { return inputShutdown && outputShutdown; }
    @Override public ChannelFuture shutdown() { return shutdown(newPromise()); }
    @Override public ChannelFuture shutdown(ChannelPromise promise) {
        inputShutdown = true;
        outputShutdown = true;
        return promise.setSuccess();
    }

    @Override
    protected void doWrite(io.netty.channel.ChannelOutboundBuffer in) throws Exception {
        for (Object m = in.current(); m != null; m = in.current()) {
            if (writesBeforeBreaking == 0) {
                throw new java.io.IOException("Broken pipe");
            }
            if (writesBeforeBreaking > 0) {
                writesBeforeBreaking--;
            }
            if (m instanceof io.netty.buffer.ByteBuf b && b.isReadable()) {
                socket.add("bytes:" + b.readableBytes());
            }
            // EmbeddedChannel keeps written messages for readOutbound(); this one consumes them like a socket
            // (remove() releases the message)
            in.remove();
        }
    }

    @Override
    protected void doClose() throws Exception {
        socket.add("close");
        super.doClose();
    }
}
