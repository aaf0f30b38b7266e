package dev.synack.doctor;

import dev.synack.config.Units;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Resolves host names with the JVM's resolver (hosts file, DNS, its cache), as synack does when it
 * connects, but never for longer than a bound: a dead DNS server must not hang the doctor. Each lookup runs
 * on a daemon thread of its own, all of a call's lookups at once.
 */
final class Resolver {
    /** How long the doctor waits for the names of one call, all together. */
    static final Duration BOUND = Duration.ofSeconds(2);

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Executor DAEMONS = task -> {
        Thread t = new Thread(task, "synack-doctor-resolver");
        t.setDaemon(true);
        t.start();
    };

    /** A lookup's outcome: the addresses in the resolver's order, or why there are none. */
    record Outcome(List<InetAddress> addresses, String failure) {
        boolean resolved() {
            return failure == null;
        }
    }

    private Resolver() {}

    /** Whether a config host is an address literal, which needs no lookup ({@code 127.0.0.1}, {@code ::1}). */
    static boolean isLiteral(String host) {
        return host.indexOf(':') >= 0 || IPV4.matcher(host).matches();
    }

    /** Every host's outcome, in the order given; lookups still running when the bound is up count as failed. */
    static Map<String, Outcome> resolve(Collection<String> hosts, Duration bound) {
        Map<String, CompletableFuture<InetAddress[]>> lookups = new LinkedHashMap<>();
        for (String host : hosts) {
            lookups.computeIfAbsent(host, h -> CompletableFuture.supplyAsync(() -> lookUp(h), DAEMONS));
        }
        long deadline = System.nanoTime() + bound.toNanos();
        Map<String, Outcome> out = new LinkedHashMap<>();
        lookups.forEach((host, lookup) -> out.put(host, await(lookup, deadline, bound)));
        return out;
    }

    private static InetAddress[] lookUp(String host) {
        try {
            return InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new CompletionException(e);
        }
    }

    private static Outcome await(CompletableFuture<InetAddress[]> lookup, long deadline, Duration bound) {
        try {
            InetAddress[] found = lookup.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return new Outcome(Arrays.asList(found), null);
        } catch (TimeoutException e) {
            return new Outcome(List.of(), "no answer within " + Units.formatDuration(bound));
        } catch (ExecutionException e) {
            return new Outcome(List.of(), e.getCause() instanceof UnknownHostException ? "unknown host" : String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(List.of(), "interrupted");
        }
    }
}
