package dev.synack.proxy;

import dev.synack.config.FaultStream;
import dev.synack.config.SpliceMode;
import dev.synack.fault.SessionFaults;
import dev.synack.net.Transport;
import dev.synack.observe.Side;
import io.netty.channel.Channel;
import io.netty.channel.epoll.AbstractEpollStreamChannel;
import io.netty.channel.epoll.EpollChannelConfig;
import io.netty.channel.epoll.EpollMode;

/**
 * Which directions of a session are spliced ({@link SplicedDirection}) and which are copied. A direction
 * is spliced when its proxy says {@code buffers.splice: auto}, both sockets are level-triggered epoll
 * sockets of one event loop, and no fault acts on it; the moment one does (added through the API, or
 * the session ending), it is handed back to the copy path for good, between two reads, so that every
 * later byte passes the fault and none is lost or reordered. Touched on the session's loop only.
 */
final class Splices {
    private SplicedDirection fromClient;
    private SplicedDirection fromService;

    /** Whether {@code ctx}'s sessions may splice: sockets get {@link SpliceReadHandle}s and level-triggered epoll. */
    static boolean enabled(ProxyContext ctx) {
        return ctx.spec().buffers().splice() == SpliceMode.AUTO && ctx.transport() == Transport.EPOLL;
    }

    /**
     * Starts splicing each direction that may be spliced; the session asks for the first reads. {@code faults}
     * is null while the session has none (its chains are made at its first fault).
     */
    void start(Session session, Leg down, Leg up, SessionFaults faults) {
        if (!enabled(session.context()) || !spliceable(down.channel, up.channel)) {
            return;
        }
        if (!down.inputEnded && (faults == null || faults.chain(FaultStream.UPSTREAM).acting().isEmpty())) {
            fromClient = SplicedDirection.start(session, down, up, handle(down.channel));
        }
        if (faults == null || faults.chain(FaultStream.DOWNSTREAM).acting().isEmpty()) {
            fromService = SplicedDirection.start(session, up, down, handle(up.channel));
        }
    }

    private static boolean spliceable(Channel a, Channel b) {
        return a instanceof AbstractEpollStreamChannel && b instanceof AbstractEpollStreamChannel
                && a.eventLoop() == b.eventLoop()
                && ((EpollChannelConfig) a.config()).getEpollMode() == EpollMode.LEVEL_TRIGGERED
                && ((EpollChannelConfig) b.config()).getEpollMode() == EpollMode.LEVEL_TRIGGERED
                && handle(a) != null && handle(b) != null;
    }

    private static SpliceReadHandle handle(Channel ch) {
        return ch.config().getRecvByteBufAllocator() instanceof SpliceReadHandle h ? h : null;
    }

    /** The direction read on {@code side}, or null when it is copied. */
    SplicedDirection readOn(Side side) {
        return side == Side.DOWNSTREAM ? fromClient : fromService;
    }

    /** True if the read pass on {@code side} was a splice's and has been dealt with. */
    boolean passComplete(Side side) {
        SplicedDirection d = readOn(side);
        return d != null && d.passComplete();
    }

    /** True if the peer's FIN reported on {@code side} must wait (see {@link SplicedDirection#holdsFin()}). */
    boolean holdsFin(Side side) {
        SplicedDirection d = readOn(side);
        return d != null && d.holdsFin();
    }

    void inputDrained(Side side) {
        SplicedDirection d = readOn(side);
        if (d != null) {
            d.inputDrained();
        }
    }

    /** Whether {@code side}'s input is not known to be read to its end yet by a splice, or after one. */
    boolean splicing(Side side) {
        SplicedDirection d = readOn(side);
        return d != null && d.readsOn();
    }

    /** Faults changed: a direction a fault now acts on copies from its next read on. */
    void faultsChanged(SessionFaults faults) {
        if (fromClient != null && !faults.chain(FaultStream.UPSTREAM).acting().isEmpty()) {
            fromClient.stop();
        }
        if (fromService != null && !faults.chain(FaultStream.DOWNSTREAM).acting().isEmpty()) {
            fromService.stop();
        }
    }

    /** The session is ending: what is still read is discarded by the copy path. */
    void stop() {
        if (fromClient != null) {
            fromClient.stop();
        }
        if (fromService != null) {
            fromService.stop();
        }
    }
}
