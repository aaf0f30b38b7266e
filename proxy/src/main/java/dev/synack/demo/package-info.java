/**
 * {@code synack demo}: built-in loopback services (an echo service that answers after the client's FIN,
 * a tiny HTTP/1.1 responder), the embedded demo config, five scripted client connections (a normal
 * exchange, a half-close, a client reset, an unreachable upstream, and a latency then a reset injected
 * by faults) and the report of how each ended, as the proxy's {@link dev.synack.observe.ConnectionSummary}
 * tells it.
 */
package dev.synack.demo;
