package dev.synack.mirror;

/** How a socket's mirror compares with the latest kernel reading. */
public enum Verdict {
    /** No reading yet (or none possible): nothing contradicts the mirror. */
    UNKNOWN(true),
    /** The kernel is in the mirror's state. */
    AGREE(true),
    /** The kernel has not yet taken a step the model predicts without user space (the ACK of our FIN). */
    PENDING(true),
    /** The kernel is ahead of the mirror along a path of segments and timers the model allows. */
    KERNEL_AHEAD(true),
    /** The kernel took another order the observations allow (the peer's FIN before ours left); the mirror followed it. */
    REALIGNED(true),
    /** A disagreement the model does not allow, or one that outlasted its grace. */
    DIVERGED(false);

    private final boolean agrees;

    Verdict(boolean agrees) {
        this.agrees = agrees;
    }

    public boolean agrees() {
        return agrees;
    }
}
