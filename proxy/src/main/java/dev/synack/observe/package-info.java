/**
 * The observer SPI: the events a proxied connection emits (accepted, connect attempts, FIN and RST read
 * and sent, bytes, closed with a reason), the close reasons, and the per-socket option readings. Mirror,
 * metrics and access log are observers; an observer that throws never breaks I/O.
 */
package dev.synack.observe;
