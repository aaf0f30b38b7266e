package dev.synack.proxy;

import dev.synack.fault.AcceptDecision;
import dev.synack.fault.Fault;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * What the listener decided for an accepted socket, in accept order, handed to the session it becomes:
 * its connection slot, its random stream (seeded from the proxy's seed and the accept order), the
 * proxy's faults at that moment, and what the connection-level faults decided.
 */
record Admitted(ConnectionLimiter.Slot slot, RandomGenerator random, List<Fault> faults, AcceptDecision decision) {
}
