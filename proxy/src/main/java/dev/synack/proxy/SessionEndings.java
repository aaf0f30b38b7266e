package dev.synack.proxy;

import dev.synack.config.CloseAction;
import dev.synack.fault.FaultFailedException;
import dev.synack.observe.CloseReason;
import dev.synack.observe.Peer;
import dev.synack.observe.Side;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a {@link Session} ends: what a socket's error, synack's own FIN or RST going out, a silent close and
 * an fd's close mean for the connection, the graceful close of one leg, and the one place where a session
 * is marked ended (the first reason counts) and, once both sockets are closed, reported. Every function
 * runs on the session's loop.
 *
 * <p>These are functions of the session rather than an object it holds, so that a connection costs no
 * more memory for them: the session keeps the state ({@code reason}, {@code closedFirst}, {@code reported}).
 */
final class SessionEndings {
    private static final Logger log = LoggerFactory.getLogger(Session.class);

    private SessionEndings() {}

    /** A read or write on {@code side}'s socket failed: an RST is the peer's, anything else an error. */
    static void failed(Session s, Side side, Throwable cause) {
        Leg leg = s.leg(side);
        if (leg.channel == null) {
            return;
        }
        boolean reset = SocketErrors.isReset(cause);
        leg.lastLook();
        if (reset) {
            s.observer.resetRead(s, side, s.now());
        } else {
            s.observer.socketError(s, side, cause, s.now());
        }
        if (s.reason != null) {
            leg.close();
            return;
        }
        if (reset) {
            end(s, side == Side.DOWNSTREAM ? CloseReason.CLIENT_RST : CloseReason.SERVICE_RST, side.peer());
        } else if (cause instanceof FaultFailedException) {
            log.warn("[{}#{}] {}", s.proxy(), s.id(), cause.getMessage());
            end(s, CloseReason.FAULT, Peer.PROXY);
        } else {
            log.info("[{}#{}] {} socket error: {}", s.proxy(), s.id(), side.name().toLowerCase(), SocketErrors.describe(cause));
            log.debug("[{}#{}] {} socket error", s.proxy(), s.id(), side.name().toLowerCase(), cause);
            end(s, CloseReason.ERROR, side.peer());
        }
        leg.close();
        if (s.ctx.spec().onPeerReset() == CloseAction.RESET) {
            s.other(leg).abort();
        } else {
            closeGracefully(s, s.other(leg));
        }
    }

    /** {@code leg}'s FIN is out: asked for by the session, or sent by a fault (which ends the session). */
    static void finSent(Session s, Leg leg) {
        boolean asked = leg.output == Leg.Output.FIN_QUEUED;
        leg.output = Leg.Output.FIN_SENT;
        s.observer.finSent(s, leg.side, s.now());
        if (s.reason != null) {
            if (leg.isOpen() && !leg.inputEnded) {
                leg.discardUntilFin();
            }
        } else if (!asked) {
            // A fault in the outbound path ended this direction: the session ends with it.
            endGracefully(s, CloseReason.FAULT);
        } else if (s.down.output == Leg.Output.FIN_SENT && s.up.output == Leg.Output.FIN_SENT) {
            end(s, s.closedFirst == Peer.SERVICE ? CloseReason.SERVICE_FIN : CloseReason.CLIENT_FIN, s.closedFirst);
            s.down.close();
            s.up.close();
        }
    }

    /** {@code leg}'s socket was reset by synack: asked for by the session, or by a fault (which ends it). */
    static void resetSent(Session s, Leg leg) {
        boolean asked = leg.output == Leg.Output.RESET;
        leg.output = Leg.Output.RESET;
        s.observer.resetSent(s, leg.side, s.now());
        if (!asked && end(s, CloseReason.FAULT, Peer.PROXY)) {
            // A fault reset this socket: the other one is reset too, as on a peer's RST.
            s.other(leg).abort();
        }
    }

    /** A fault closed {@code leg}'s socket sending nothing: the session ends, the other socket with a FIN. */
    static void vanished(Session s, Leg leg) {
        leg.output = Leg.Output.VANISHED;
        if (end(s, CloseReason.FAULT, Peer.PROXY)) {
            closeGracefully(s, s.other(leg));
        }
    }

    /**
     * A socket's fd closed. A leg whose FIN synack sent closes itself at its peer's FIN (half-closure is
     * off then, see {@link OutboundTail}): that close is the peer's FIN, reported as such before the close.
     * A socket closed under a relaying session with no FIN exchanged is an error.
     */
    static void socketClosed(Session s, Leg leg) {
        if (leg.closed) {
            return;
        }
        leg.closed = true;
        boolean peersFin = !leg.closeAsked && leg.output == Leg.Output.FIN_SENT && !leg.inputEnded;
        if (peersFin) {
            leg.inputEnded = true;
            SessionFlow.finArrived(s, leg);
        }
        s.observer.socketClosed(s, leg.side, s.now());
        if (peersFin) {
            SessionFlow.forwardFin(s, leg);
        } else if (s.reason == null && !(leg.output == Leg.Output.FIN_SENT && leg.inputEnded)) {
            end(s, CloseReason.ERROR, leg.side.peer());
            s.other(leg).abort();
        }
        if (s.down.closed && (s.up.channel == null || s.up.closed)) {
            finish(s);
        }
    }

    /** Ends the session with a FIN on both legs (a timer, a fault). */
    static void endGracefully(Session s, CloseReason why) {
        if (end(s, why, Peer.PROXY)) {
            closeGracefully(s, s.down);
            closeGracefully(s, s.up);
        }
    }

    /**
     * Sends a FIN on {@code leg} after its pending bytes, then discards what the peer still sends until its
     * FIN (closing a socket with unread data would turn the FIN into an RST); all of it bounded by
     * {@link Session#LINGER_AFTER_FIN_NANOS}, after which the leg is reset.
     */
    static void closeGracefully(Session s, Leg leg) {
        if (!leg.isOpen()) {
            return;
        }
        s.ctx.clock().schedule(s.eventLoop(), leg::abort, Session.LINGER_AFTER_FIN_NANOS);
        if (leg.output == Leg.Output.FIN_SENT) {
            if (leg.inputEnded) {
                leg.close();
            } else {
                leg.discardUntilFin();
            }
        } else {
            leg.fin();
        }
    }

    /** Marks the session ended; false if it already was. Only the first reason counts. */
    static boolean end(Session s, CloseReason why, Peer closer) {
        if (s.reason != null) {
            return false;
        }
        s.reason = why;
        if (s.closedFirst == null) {
            s.closedFirst = closer;
        }
        s.stopActivity();
        log.debug("[{}#{}] ending: {}", s.proxy(), s.id(), why.key());
        return true;
    }

    /** Every socket is closed: the session is over, and reported once. */
    private static void finish(Session s) {
        if (s.reported) {
            return;
        }
        s.reported = true;
        if (s.reason == null) {
            end(s, CloseReason.ERROR, Peer.PROXY);
        }
        s.report();
    }
}
