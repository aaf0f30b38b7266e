package dev.synack.fault.builtin;

import dev.synack.fault.AttributeTable;
import dev.synack.fault.FaultContext;
import dev.synack.fault.FaultFailedException;
import dev.synack.fault.FaultHandler;
import dev.synack.fault.MachineRequirement;
import dev.synack.fault.OutboundFault;
import io.netty.channel.ChannelHandlerContext;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * synack's {@code blackhole}: the kernel drops every packet of this socket's connection, both ways, by
 * an nftables rule on its 4-tuple in synack's own table ({@link NftBlackhole}). Nothing is closed: both
 * kernels retransmit unanswered until a timeout (RTO backoff, keepalive, TCP_USER_TIMEOUT) gives up. The
 * rule goes when the fault is removed or the connection ends. Needs the nft binary and CAP_NET_ADMIN; a
 * failing nft is fired into the pipeline, never ignored.
 */
public final class BlackholeHandler extends FaultHandler {
    /** No attributes: use a trigger to start it later. */
    public record Attributes() implements OutboundFault, MachineRequirement {
        public static final AttributeTable<Attributes> TABLE = AttributeTable.of(v -> new Attributes());

        @Override
        public FaultHandler newHandler(FaultContext context) {
            return new BlackholeHandler(NftBlackhole.shared(), context);
        }

        @Override
        public Optional<String> missing(boolean nativeTransport) {
            return NftBlackhole.missing();
        }
    }

    private final NftBlackhole table;
    private InetSocketAddress local;
    private InetSocketAddress remote;

    /** A handler using {@code table} (tests pass their own). */
    public BlackholeHandler(NftBlackhole table, FaultContext context) {
        super(context);
        this.table = table;
    }

    @Override
    protected void inherit(FaultHandler predecessor) {
        BlackholeHandler p = (BlackholeHandler) predecessor;
        local = p.local;
        remote = p.remote;
    }

    @Override
    protected void onActivate(ChannelHandlerContext ctx) {
        if (local != null || !(ctx.channel().localAddress() instanceof InetSocketAddress l)
                || !(ctx.channel().remoteAddress() instanceof InetSocketAddress r)) {
            return;
        }
        local = l;
        remote = r;
        table.drop(l, r).whenComplete((ok, e) -> {
            if (e != null) {
                ctx.executor().execute(() -> ctx.fireExceptionCaught(
                        new FaultFailedException("blackhole: " + (e.getCause() != null ? e.getCause() : e).getMessage(), e)));
            }
        });
    }

    @Override
    protected void onRemove(ChannelHandlerContext ctx) {
        if (local != null) {
            table.restore(local, remote);
            local = null;
        }
        super.onRemove(ctx);
    }
}
