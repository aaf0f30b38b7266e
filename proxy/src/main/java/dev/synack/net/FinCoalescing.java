package dev.synack.net;

import dev.synack.config.KernelOption;
import io.netty.channel.Channel;
import io.netty.channel.unix.UnixChannel;
import java.io.IOException;

/**
 * Lets the last bytes before a FIN leave in the FIN's segment. A relay that read data and then EOF in
 * one go writes the data and shuts the other socket at once; with TCP_NODELAY the kernel would send
 * the data, then the FIN on its own. TCP_CORK set before that last write holds a partial segment
 * back, and shutdown() puts the FIN on it and pushes it out (tcp_send_fin pushes past the cork), so
 * the peer gets one segment where it would get two. Native transports only: NIO has no raw fd.
 */
public final class FinCoalescing {
    private FinCoalescing() {}

    /**
     * Sends the FIN of a native socket with shutdown(SHUT_WR) on its fd and answers true; answers false
     * for a channel without one (NIO), which must use the transport's {@code shutdownOutput()}. Call it
     * on the channel's loop once nothing is queued. Why not the transport's own path: Netty's
     * {@code shutdownOutput()} builds a ChannelOutputShutdownException for the (empty) queue on every call,
     * and filling in its stack trace was the single largest cost of a connection's close in the profile
     * of a {@code Connection: close} load. The socket records the shutdown, so {@code isOutputShutdown()}
     * answers as before.
     */
    public static boolean shutdownOutput(Channel ch) throws IOException {
        if (!(ch instanceof UnixChannel)) {
            return false;
        }
        NativeSockets.fd(ch).shutdown(false, true);
        return true;
    }

    /**
     * Corks {@code ch}: call only when a shutdownOutput() (or close) follows the pending writes, which
     * is what releases the cork. A refusal is ignored: nothing is held back then, only not coalesced.
     * NIO sockets are left as they are.
     */
    public static void corkBeforeFin(Channel ch) {
        if (!(ch instanceof UnixChannel)) {
            return;
        }
        try {
            NativeSockets.fd(ch).setIntOpt(KernelOption.TCP_CORK.level(), KernelOption.TCP_CORK.optname(), 1);
        } catch (IOException | RuntimeException e) {
            // the bytes and the FIN then leave in two segments, as without coalescing
        }
    }
}
