package dev.synack.proxy;

import dev.synack.observe.Direction;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.socket.DuplexChannel;
import java.util.concurrent.TimeUnit;

/**
 * How a session ends one of its legs: a FIN after every byte queued for it (by shutdown(), or by close()
 * when it is the session's last), a lingering close for FINs synack decides to send, or an RST. Runs on
 * the session's event loop; failures go back to the session.
 */
final class LegCloser {
    private final Session session;
    private final ProxyServer proxy;
    private final HeldBytes counts;

    LegCloser(Session session, ProxyServer proxy, HeldBytes counts) {
        this.session = session;
        this.proxy = proxy;
        this.counts = counts;
    }

    /** Sends an RST on {@code leg}: SO_LINGER 0, then close. */
    void reset(Leg leg) {
        Channel ch = leg.channel;
        if (ch == null || !ch.isOpen()) {
            return;
        }
        proxy.observer().resetSent(session, leg.side);
        proxy.resetSocket(ch);
    }

    /**
     * Sends a FIN on {@code leg} after its pending writes, then discards what the peer still sends until
     * its FIN (closing a socket with unread data would turn the FIN into an RST); all of it bounded by
     * {@link ProxyServer#LINGER_AFTER_FIN_MILLIS}, after which the leg is reset.
     */
    void closeGracefully(Leg leg, Leg other) {
        Channel ch = leg.channel;
        if (ch == null || !ch.isOpen()) {
            return;
        }
        // Bounded: a peer that neither reads what is pending nor sends its FIN gets an RST.
        ch.eventLoop().schedule(() -> reset(leg), ProxyServer.LINGER_AFTER_FIN_MILLIS, TimeUnit.MILLISECONDS);
        Runnable afterFin = () -> {
            if (leg.finRead) {
                ch.close();
            } else {
                ch.config().setAutoRead(true);
            }
        };
        if (leg.finSent) {
            afterFin.run();
        } else {
            sendFin(leg, other, afterFin);
        }
    }

    /**
     * Flushes what is pending on {@code leg}, then sends its FIN, then runs {@code then}. When this is the
     * session's last FIN ({@code then} closes the channel), close() sends it: nothing is left unread on
     * the leg, and the shutdown() that close() would follow at once is saved.
     */
    void sendFin(Leg leg, Leg other, Runnable then) {
        Channel ch = leg.channel;
        if (ch == null || !ch.isActive()) {
            return;
        }
        Runnable fin = () -> {
            if (leg.finRead && other.finSent) {
                finSent(leg, then);
                return;
            }
            ((DuplexChannel) ch).shutdownOutput().addListener(shut -> {
                if (!shut.isSuccess()) {
                    session.failed(leg.side, shut.cause());
                    return;
                }
                if (!leg.finRead) {
                    leg.closeAtPeersFin();
                }
                finSent(leg, then);
            });
        };
        if (counts.nothingHeld(Direction.readOn(other.side))) {
            fin.run(); // every byte for this leg is written already: nothing to wait for
            return;
        }
        // shutdownOutput() would fail the writes still queued: the FIN waits for the last of them.
        ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(flushed -> {
            if (flushed.isSuccess()) {
                fin.run();
            } else {
                session.failed(leg.side, flushed.cause());
            }
        });
    }

    private void finSent(Leg leg, Runnable then) {
        leg.finSent = true;
        proxy.observer().finSent(session, leg.side);
        then.run();
    }
}
