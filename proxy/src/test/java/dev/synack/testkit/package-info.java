/**
 * Shared fixtures for synack's socket tests: config records built in code, an observer that records every
 * event, upstream services on real loopback sockets (echo, hashing sink/source, scripted, black hole,
 * refused port), client sockets that tell an RST from a FIN, and a JUnit source over the available
 * transports.
 */
package dev.synack.testkit;
