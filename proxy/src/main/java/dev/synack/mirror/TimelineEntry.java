package dev.synack.mirror;

import dev.synack.mirror.model.TcpState;
import dev.synack.observe.Side;

/**
 * One step in the life of one of a connection's two proxy sockets: when (monotonic nanos), which socket,
 * what happened, the mirror's state after it, what the kernel said at that step (null: not read then), and
 * whether the step is {@code inferred}: predicted by the model, seen neither from user space nor yet
 * confirmed by the kernel. Immutable: what a snapshot shows; {@link Timeline} keeps steps in a compact form and
 * makes these when asked.
 */
public record TimelineEntry(long nanos, Side socket, StepKind event, TcpState mirrorState, String kernelState, boolean inferred) {}
