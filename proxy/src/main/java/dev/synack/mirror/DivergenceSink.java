package dev.synack.mirror;

/** Where a socket mirror reports a new divergence: the engine counts it per proxy and kind and logs it once. */
interface DivergenceSink {
    void diverged(Divergence d);
}
