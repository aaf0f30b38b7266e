package dev.synack.observe;

import java.util.List;

/**
 * What the mirror engine counts, as the metrics layer reads it: implemented by the mirror, bound to
 * Micrometer here in observe, so that neither the mirror knows Micrometer nor observe the mirror. Read at
 * scrape time, from any thread.
 */
public interface MirrorCounts {
    /** The {@code source} label of a count by the model's state. */
    String MIRROR = "mirror";
    /** The {@code source} label of a count by the kernel's last reading. */
    String KERNEL = "kernel";

    /** Every {@code state} label of {@code source}: the RFC 9293 state names, and for the kernel also {@code GONE}. */
    List<String> states(String source);

    /** Every {@code kind} label of the divergences. */
    List<String> divergenceKinds();

    /** The tracked sockets of {@code proxy} on {@code side} in {@code state} according to {@code source}. */
    long sockets(String proxy, Side side, String source, String state);

    /** The divergences of {@code kind} on {@code proxy} so far (monotonic). */
    long divergences(String proxy, String kind);
}
