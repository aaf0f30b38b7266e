/**
 * The observer SPI: the events a proxied connection emits (accepted, connect attempts, FIN and RST read
 * and sent, bytes, closed with a reason), the close reasons, and what the kernel says of each socket (the
 * option readings, and tcp_info at the socket's end). Metrics and the access log are observers here; the
 * mirror is one too. An observer that throws never breaks I/O. {@link dev.synack.observe.SocketStates} is
 * the one way back: the mirror runs a fault trigger's action when a socket enters a TCP state.
 */
package dev.synack.observe;
