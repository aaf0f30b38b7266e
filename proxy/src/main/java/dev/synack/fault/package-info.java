/**
 * Fault injection: the fault SPI, the one registry table of fault types, the per-direction fault chain
 * that sits in each socket's outbound path in front of the tail, toxicity sampling with injected
 * randomness, triggers, and the check of a config's faults. Bytes, FIN and RST travel that path in order
 * ({@link dev.synack.fault.StreamEnd}); the relay never asks which fault is active.
 *
 * <p>A fault type ({@link dev.synack.fault.FaultType}, listed in {@link dev.synack.fault.FaultRegistry})
 * is a name and an {@link dev.synack.fault.AttributeTable} of range-checked integer attributes building
 * the type's attributes record, which is what acts: an {@link dev.synack.fault.OutboundFault} builds a
 * {@link dev.synack.fault.FaultHandler} per connection and direction, a
 * {@link dev.synack.fault.ConnectionFault} answers the listener and connector
 * ({@link dev.synack.fault.AcceptDecision}), and a {@link dev.synack.fault.MachineRequirement} says what
 * the machine lacks to run it. A {@link dev.synack.fault.Fault} is one configured instance (name, type,
 * attributes, stream, toxicity, clients, trigger). Per connection, {@link dev.synack.fault.SessionFaults}
 * holds a {@link dev.synack.fault.FaultChain} per direction, which draws toxicity, installs handlers into
 * the pipeline, and applies live additions, updates and removals on the event loop; the relay implements
 * {@link dev.synack.fault.FaultContext} for it. What the {@code latency} faults of the process hold is
 * bounded together, by one {@link dev.synack.fault.LatencyBudget}.
 */
package dev.synack.fault;
