package dev.synack.net;

import dev.synack.config.KernelOption;
import io.netty.channel.Channel;
import io.netty.channel.unix.Socket;
import io.netty.channel.unix.UnixChannel;
import java.io.IOException;

/**
 * Closes a socket sending nothing at all: TCP_REPAIR=1 on the fd, then close. In repair mode the kernel
 * frees the socket without a FIN or an RST, so the peer keeps an ESTABLISHED connection to nobody until
 * it writes (and meets an RST) or its keepalive or user timeout fires: the textbook half-open
 * connection. Needs CAP_NET_ADMIN and a native transport.
 */
public final class SilentClose {
    private SilentClose() {}

    /** Puts {@code ch}'s socket in repair mode and closes it; throws, leaving it open, when that cannot be done. */
    public static void vanish(Channel ch) throws IOException {
        if (!(ch instanceof UnixChannel u) || !(u.fd() instanceof Socket fd)) {
            throw new IOException("not a native socket channel: " + ch.getClass().getSimpleName());
        }
        fd.setIntOpt(KernelOption.TCP_REPAIR.level(), KernelOption.TCP_REPAIR.optname(), 1);
        ch.close();
    }
}
