package dev.synack.fault;

import dev.synack.config.FaultStream;
import io.netty.channel.Channel;
import java.util.List;

/**
 * The fault chains of one connection, one per direction. Created at connection start with the proxy's
 * faults at that moment (each draws its toxicity then, in the proxy's order); each chain is attached to
 * its channel when that channel exists: {@code downstream} faults to the client's socket at accept,
 * {@code upstream} faults to the service's socket once connected. Changes from the admin API arrive here
 * on the connection's event loop. Connection-level faults are ignored here (see {@link AcceptDecision}).
 */
public final class SessionFaults {
    private final FaultChain upstream;
    private final FaultChain downstream;

    /**
     * @param upstreamContext the context of the client → service direction (faults on the service's socket)
     * @param downstreamContext the context of the service → client direction (faults on the client's socket)
     */
    public SessionFaults(FaultContext upstreamContext, FaultContext downstreamContext, List<Fault> faults) {
        if (upstreamContext.stream() != FaultStream.UPSTREAM || downstreamContext.stream() != FaultStream.DOWNSTREAM) {
            throw new IllegalArgumentException("contexts of the upstream and downstream streams expected");
        }
        this.upstream = new FaultChain(upstreamContext);
        this.downstream = new FaultChain(downstreamContext);
        faults.forEach(this::add);
    }

    public FaultChain chain(FaultStream stream) {
        return stream == FaultStream.UPSTREAM ? upstream : downstream;
    }

    /** Installs a direction's faults into the channel that writes it. */
    public void attach(FaultStream stream, Channel channel) {
        chain(stream).attach(channel.pipeline());
    }

    public void add(Fault fault) {
        chain(fault.stream()).add(fault);
    }

    /** Updates a fault in place (a reloaded config may even move it to the other direction). */
    public void update(Fault fault) {
        chain(fault.stream() == FaultStream.UPSTREAM ? FaultStream.DOWNSTREAM : FaultStream.UPSTREAM).remove(fault.name());
        chain(fault.stream()).update(fault);
    }

    /** Removes the fault of that name from whichever direction has it. */
    public boolean remove(String name) {
        return upstream.remove(name) | downstream.remove(name);
    }
}
