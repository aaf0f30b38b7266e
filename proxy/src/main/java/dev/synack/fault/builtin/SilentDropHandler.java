package dev.synack.fault.builtin;

import dev.synack.fault.AttributeTable;
import dev.synack.fault.FaultContext;
import dev.synack.fault.FaultHandler;
import dev.synack.fault.MachineRequirement;
import dev.synack.fault.OutboundFault;
import dev.synack.fault.StreamEnd;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.util.Optional;

/**
 * synack's {@code silent_drop}: the proxy's socket of the direction vanishes without a FIN or an RST.
 * TCP_REPAIR=1 on the socket, then close: in repair mode the kernel frees the socket sending nothing, so
 * the peer keeps an ESTABLISHED connection to nobody until it writes and gets an RST (or its keepalive
 * or user timeout fires). Needs CAP_NET_ADMIN and a native transport (NIO has no file descriptor to
 * reach); a failure is fired into the pipeline, never ignored.
 */
public final class SilentDropHandler extends FaultHandler {
    /** No attributes: use a trigger to drop later. */
    public record Attributes() implements OutboundFault, MachineRequirement {
        public static final AttributeTable<Attributes> TABLE = AttributeTable.of(v -> new Attributes());

        @Override
        public FaultHandler newHandler(FaultContext context) {
            return new SilentDropHandler(context);
        }

        @Override
        public Optional<String> missing(boolean nativeTransport) {
            if (!nativeTransport) {
                return Optional.of("silent_drop needs a native transport for TCP_REPAIR (transport: epoll or io_uring)");
            }
            return NetAdmin.held() ? Optional.empty()
                    : Optional.of("silent_drop needs CAP_NET_ADMIN for TCP_REPAIR (run synack as root)");
        }
    }

    SilentDropHandler(FaultContext context) {
        super(context);
    }

    @Override
    protected void onActivate(ChannelHandlerContext ctx) {
        // The tail performs it (TCP_REPAIR, then close) and tells the session; a failure comes back as a
        // FaultFailedException.
        end(ctx, StreamEnd.VANISH);
    }

    @Override
    protected void onBytes(ChannelHandlerContext ctx, ByteBuf buf, ChannelPromise promise) {
        // The socket is gone: what the relay still writes goes nowhere.
        drop(buf, promise);
    }
}
