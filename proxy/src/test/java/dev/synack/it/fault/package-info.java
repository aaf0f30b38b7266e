/**
 * Every fault proven from outside, through a running synack over real loopback sockets, on each
 * transport that can run it: what the client and the service see (timings, bytes, FIN or RST), the
 * states the kernel shows for the sockets, the session's close reason and the observer's "fault applied"
 * event; toxicity and its replay from the seed; faults added, updated and removed mid-transfer.
 */
package dev.synack.it.fault;
