/**
 * The mirror engine: a user-space model of each proxied socket's TCP state machine, fed by the relay's
 * observer events ({@link dev.synack.mirror.MirrorEngine}), compared with what the kernel reports
 * (tcp_info while the fd is open, /proc/net/tcp{,6} after, both behind {@link dev.synack.mirror.KernelProbe}),
 * with each disagreement that outlasts a grace period explained as a {@link dev.synack.mirror.DivergenceKind},
 * each connection's life kept as a timeline and drawn as a sequence diagram, and a thread-safe facade
 * ({@link dev.synack.mirror.MirrorQueries}) that answers in the JSON shapes of the admin API. The model
 * itself is in {@code mirror.model}; this package holds no Netty and no proxy internals.
 */
package dev.synack.mirror;
