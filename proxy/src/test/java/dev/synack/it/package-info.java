/**
 * Integration tests of the relay over real loopback sockets, each run on every available transport:
 * byte integrity both ways at once, half-close in both orders, backpressure bounds, RST propagation,
 * upstream failures (refused, black hole, failover), limits, timeouts and graceful shutdown. They assert
 * bytes, close order and the observer's events and summaries.
 */
package dev.synack.it;
