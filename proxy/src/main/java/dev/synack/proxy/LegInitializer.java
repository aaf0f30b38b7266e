package dev.synack.proxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import java.util.function.Function;

/**
 * Assembles the pipeline of a session's socket, the same for both legs: the {@link OutboundTail} nearest
 * the socket, then the fault slot (empty until the session's faults are installed there), then the
 * {@link RelayHandler} that hands the socket's events to the session. Bytes the session writes travel
 * from the relay end through the faults to the tail.
 */
final class LegInitializer extends ChannelInitializer<Channel> {
    static final String RELAY = "synack.relay";

    private final Function<Channel, Leg> legs;

    /** {@code legs} gives the leg a new channel becomes, or null when the channel is not taken (rejected at accept). */
    LegInitializer(Function<Channel, Leg> legs) {
        this.legs = legs;
    }

    @Override
    protected void initChannel(Channel ch) {
        Leg leg = legs.apply(ch);
        if (leg != null) {
            ProxyContext ctx = leg.session().context();
            if (Splices.enabled(ctx)) {
                ch.config().setRecvByteBufAllocator(ctx.bootstraps().spliceReadHandle());
            }
            ch.pipeline()
                    .addLast(OutboundTail.NAME, new OutboundTail(leg))
                    .addLast(RELAY, new RelayHandler(leg.session(), leg.side));
        }
    }
}
