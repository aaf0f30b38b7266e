/**
 * The built-in fault types, one class each with its attributes record: Toxiproxy's toxics with its names,
 * attributes, units and behaviour ({@code latency}, {@code bandwidth}, {@code slow_close}, {@code timeout},
 * {@code reset_peer}, {@code slicer}, {@code limit_data}, {@code noop}), synack's TCP-level faults of the
 * outbound path ({@code hold_fin}, {@code drop_fin}, {@code rst_on_fin}, {@code hang_after},
 * {@code zero_window}, {@code silent_drop}, {@code blackhole}) and its connection-level faults
 * ({@code connect_delay}, {@code refuse}, {@code accept_pause}). They know only the fault SPI, never the
 * relay: the registry table in {@link dev.synack.fault.FaultRegistry} lists them.
 */
package dev.synack.fault.builtin;
