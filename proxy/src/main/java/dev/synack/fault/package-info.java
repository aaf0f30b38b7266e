/**
 * Fault injection: the fault SPI, the one fault registry table, the per-direction fault chain that sits
 * in each socket's outbound path in front of the tail, toxicity sampling with injected randomness, and
 * triggers. Bytes, FIN and RST travel that path in order ({@link dev.synack.fault.StreamEnd}); the relay
 * never asks which fault is active.
 */
package dev.synack.fault;
