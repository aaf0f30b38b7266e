package dev.synack.fault.builtin;

import dev.synack.fault.AttributeTable;
import dev.synack.fault.ConnectionFault;
import io.netty.channel.Channel;

/**
 * synack's {@code accept_pause}: while the fault is present the listener accepts nothing. The kernel
 * still completes handshakes into the listen backlog; once that is full, new SYNs are dropped and
 * clients retransmit them. Removing the fault accepts the queue. It acts before any client is known, so
 * toxicity and client blocks do not apply to it.
 */
public final class AcceptPause {
    /** No attributes. */
    public record Attributes() implements ConnectionFault {
        public static final AttributeTable<Attributes> TABLE = AttributeTable.of(v -> new Attributes());

        @Override
        public boolean pausesAccept() {
            return true;
        }
    }

    private AcceptPause() {}

    /**
     * Pauses or resumes accepting on a listener: its auto-read is what makes Netty call accept(), so
     * turning it off leaves new connections in the kernel's backlog. Call on the listener's event loop.
     */
    public static void apply(Channel listener, boolean paused) {
        listener.config().setAutoRead(!paused);
        if (!paused) {
            listener.read();
        }
    }
}
