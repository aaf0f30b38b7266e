package dev.synack.net;

import dev.synack.config.TransportKind;
import java.util.ArrayList;
import java.util.List;

/**
 * The transport chosen for a requested kind, and why. {@code auto} takes epoll when available, else
 * io_uring, else NIO; an explicit kind that cannot run here is an error naming the cause.
 */
public record TransportChoice(Transport transport, String reason) {

    public static TransportChoice choose(TransportKind requested) {
        if (requested != TransportKind.AUTO) {
            Transport t = Transport.valueOf(requested.name());
            if (!t.isAvailable()) {
                throw new IllegalStateException("transport " + t.configName() + " was asked for but is not available: "
                        + describe(t.unavailabilityCause()));
            }
            return new TransportChoice(t, "asked for in config");
        }
        List<String> skipped = new ArrayList<>();
        for (Transport t : Transport.values()) {
            if (t.isAvailable()) {
                String why = skipped.isEmpty() ? "auto: " + t.configName() + " is available"
                        : "auto: " + String.join("; ", skipped);
                return new TransportChoice(t, why);
            }
            skipped.add(t.configName() + " unavailable (" + describe(t.unavailabilityCause()) + ")");
        }
        throw new AssertionError("NIO is always available");
    }

    /** The transports that can run on this machine, in preference order. */
    public static List<Transport> available() {
        List<Transport> out = new ArrayList<>();
        for (Transport t : Transport.values()) {
            if (t.isAvailable()) {
                out.add(t);
            }
        }
        return out;
    }

    private static String describe(Throwable cause) {
        if (cause == null) {
            return "no cause given";
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }
}
