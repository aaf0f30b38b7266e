/**
 * The relay: a listener per proxy, a session per accepted connection holding the downstream and
 * upstream channel on one event loop, the handlers that move bytes with reads following writability,
 * half-close and RST propagation, the upstream connector (timeout, attempts, backoff, failover) and
 * the connection limits. It only emits observer events: it knows nothing of mirrors, metrics or the API.
 */
package dev.synack.proxy;
