package dev.synack.proxy;

import dev.synack.fault.AcceptDecision;
import dev.synack.fault.Fault;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A proxy's faults: the list new sessions start with (replaced whole, so a reader on any thread sees one
 * consistent list), and each change passed on to every live session, on its own loop. Each change says
 * which accept_pause faults it starts, for the listener and the observer. Changes are made under the
 * owning {@link ProxyServer}'s lock.
 */
final class ProxyFaults {
    /** A change returns once every live session's loop has applied it, or this long at most. */
    private static final java.time.Duration APPLY_BOUND = java.time.Duration.ofSeconds(5);

    private final LiveSessions sessions;
    private volatile List<Fault> faults;

    ProxyFaults(LiveSessions sessions, List<Fault> faults) {
        this.sessions = sessions;
        this.faults = List.copyOf(faults);
    }

    /** The faults new sessions start with, in order. */
    List<Fault> all() {
        return faults;
    }

    /** Whether some fault stops the listener from accepting. */
    boolean pausesAccept() {
        return AcceptDecision.pausesAccept(faults);
    }

    /** Adds a fault: new sessions get it, and every live session too. */
    List<Fault> add(Fault fault) {
        List<Fault> next = new ArrayList<>(faults);
        next.add(fault);
        sessions.eachOnItsLoopAndWait(s -> s.changeFaults(f -> f.add(fault)), APPLY_BOUND);
        return set(next);
    }

    /** Replaces the fault of the same name, in place, on live sessions too. */
    List<Fault> update(Fault fault) {
        List<Fault> next = new ArrayList<>(faults);
        next.replaceAll(f -> f.name().equals(fault.name()) ? fault : f);
        sessions.eachOnItsLoopAndWait(s -> s.changeFaults(f -> f.update(fault)), APPLY_BOUND);
        return set(next);
    }

    /** Removes the fault of that name, from live sessions too. */
    List<Fault> remove(String name) {
        List<Fault> next = new ArrayList<>(faults);
        next.removeIf(f -> f.name().equals(name));
        sessions.eachOnItsLoopAndWait(s -> s.faults().remove(name), APPLY_BOUND);
        return set(next);
    }

    /** Makes the faults exactly {@code wanted}: removed, updated and added by name, in {@code wanted}'s order for new sessions. */
    List<Fault> replace(List<Fault> wanted) {
        Set<String> keep = new HashSet<>();
        wanted.forEach(f -> keep.add(f.name()));
        for (Fault f : faults) {
            if (!keep.contains(f.name())) {
                String name = f.name();
                sessions.eachOnItsLoopAndWait(s -> s.faults().remove(name), APPLY_BOUND);
            }
        }
        for (Fault f : wanted) {
            boolean had = faults.stream().anyMatch(old -> old.name().equals(f.name()));
            if (had && faults.stream().noneMatch(f::equals)) {
                sessions.eachOnItsLoopAndWait(s -> s.changeFaults(c -> c.update(f)), APPLY_BOUND);
            } else if (!had) {
                sessions.eachOnItsLoopAndWait(s -> s.changeFaults(c -> c.add(f)), APPLY_BOUND);
            }
        }
        return set(wanted);
    }

    /** Sets the list; returns the accept_pause faults it has and the one before did not. */
    private List<Fault> set(List<Fault> next) {
        List<Fault> before = AcceptDecision.pausing(faults);
        faults = List.copyOf(next);
        return AcceptDecision.pausing(faults).stream()
                .filter(f -> before.stream().noneMatch(b -> b.name().equals(f.name()))).toList();
    }
}
