package dev.synack.fault;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * What the connection-level faults of a proxy decide for one client as it is accepted: reset it at once,
 * or go on and connect to the service after a delay. Each such fault draws its toxicity once for the
 * connection, in the proxy's order, whatever it decides; a fault limited to other clients does nothing.
 *
 * @param refuse reset the client now (no session, no upstream connection)
 * @param connectDelayNanos wait this long before connecting upstream (delays add up)
 * @param applied the faults that acted, for the observer's "fault applied" events
 */
public record AcceptDecision(boolean refuse, long connectDelayNanos, List<Fault> applied) {
    public static final AcceptDecision PROCEED = new AcceptDecision(false, 0, List.of());

    public AcceptDecision {
        applied = List.copyOf(applied);
    }

    /** The decision for a client at {@code client}, drawing from the connection's generator. */
    public static AcceptDecision decide(List<Fault> faults, InetAddress client, RandomGenerator random) {
        boolean refuse = false;
        long delay = 0;
        List<Fault> applied = new ArrayList<>();
        for (Fault f : faults) {
            if (f.type().kind() != FaultType.Kind.CONNECTION || !(f.attributes() instanceof ConnectionFault c)
                    || c.pausesAccept()) {
                continue;
            }
            if (Toxicity.draw(random, f.toxicity()) && f.targets(client)) {
                refuse |= c.refusesAtAccept();
                delay += c.connectDelayNanos();
                applied.add(f);
            }
        }
        return applied.isEmpty() ? PROCEED : new AcceptDecision(refuse, refuse ? 0 : delay, applied);
    }

    /**
     * Whether the listener should accept nothing now: some fault of the proxy pauses accepting. It acts
     * before any client is known, so its toxicity and clients do not apply.
     */
    public static boolean pausesAccept(List<Fault> faults) {
        return !pausing(faults).isEmpty();
    }

    /** The faults of {@code faults} that pause accepting, in order. */
    public static List<Fault> pausing(List<Fault> faults) {
        return faults.stream().filter(f -> f.attributes() instanceof ConnectionFault c && c.pausesAccept()).toList();
    }
}
