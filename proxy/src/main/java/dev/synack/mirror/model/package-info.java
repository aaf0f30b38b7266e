/**
 * The pure TCP model the mirror engine runs beside each socket: the eleven states of RFC 9293
 * ({@link dev.synack.mirror.model.TcpState}), the events of its Figure 5
 * ({@link dev.synack.mirror.model.TcpEvent}) and the transition function between them
 * ({@link dev.synack.mirror.model.TcpStateMachine}), what synack observes from user space and which model
 * events that implies ({@link dev.synack.mirror.model.ObservedEvent}), the set of states the kernel may be
 * in given those observations ({@link dev.synack.mirror.model.PossibleStates}), and the one mapping of
 * Linux's state codes onto the model ({@link dev.synack.mirror.model.LinuxTcpState}). JDK only: no Netty,
 * no clock, no I/O, so every rule is tested as a table.
 */
package dev.synack.mirror.model;
