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
