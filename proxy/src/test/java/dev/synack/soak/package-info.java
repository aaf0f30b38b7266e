/**
 * The soak: synack in a JVM of its own (Netty's leak detector at paranoid) carries mixed traffic at a fixed
 * rate for a set time — long transfers checked with SHA-256, half-closes both ways, resets from either
 * side, refused and black-holed upstreams, idle timeouts, churn — while its RSS, heap after GC, direct
 * memory, file descriptors and threads are sampled; then every connection is checked against its
 * scenario and every resource against a stated bound. {@code scripts/soak} runs it for an hour;
 * {@link dev.synack.soak.SoakTest} runs a short form with the other tests. The scale run
 * ({@link dev.synack.soak.ScaleTest}, {@code scripts/scale}) uses the same child synack to hold 9,000
 * connections at once and measure what each costs.
 */
package dev.synack.soak;
