package dev.synack.soak;

import dev.synack.testkit.TestSocket;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Starts soak connections at a fixed rate, each on a thread of its own, in the {@link Plan}'s order; each
 * plays its scenario and is checked against it ({@link Expectation}). At most {@link #MAX_IN_FLIGHT} run
 * at once: a start the rate asks for beyond that is skipped and counted, not queued, so a slow machine
 * shows as skips rather than as a growing backlog. A connection that outlives its deadline is closed
 * from outside and counted as hung.
 */
final class Traffic {
    static final int MAX_IN_FLIGHT = 200;
    private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final long LONG_DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(300);

    private final Map<String, InetSocketAddress> proxies;
    private final SoakService service;
    private final Records records;
    private final List<Scenario> plan = Plan.cycle();
    private final Tally tally = new Tally();
    private final AtomicLong tokens = new AtomicLong();
    private final Set<InFlight> inFlight = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService clock = Executors.newScheduledThreadPool(1, daemon("soak-clock"));
    private final ExecutorService clients = Executors.newCachedThreadPool(daemon("soak-client"));
    private java.util.concurrent.ScheduledFuture<?> ticking;

    private record InFlight(long startNanos, Scenario scenario, TestSocket socket) {}

    Traffic(Map<String, InetSocketAddress> proxies, SoakService service, Records records) {
        this.proxies = proxies;
        this.service = service;
        this.records = records;
    }

    void start(double perSecond) {
        long period = Math.round(1e9 / perSecond);
        ticking = clock.scheduleAtFixedRate(this::tick, 0, period, TimeUnit.NANOSECONDS);
        clock.scheduleWithFixedDelay(this::closeHung, 1, 1, TimeUnit.SECONDS);
    }

    private void tick() {
        if (inFlight.size() >= MAX_IN_FLIGHT) {
            tally.skipped();
            return;
        }
        long token = tokens.incrementAndGet();
        Scenario sc = plan.get((int) ((token - 1) % plan.size()));
        tally.started(sc);
        clients.execute(() -> runOne(token, sc));
    }

    private void runOne(long token, Scenario sc) {
        Header h = new Header(token, sc, sc.up, sc.down, token * 7919);
        InFlight me = null;
        int port = -1;
        try (TestSocket s = TestSocket.bound("127.0.0.1")) {
            port = s.localAddress().getPort();
            me = new InFlight(System.nanoTime(), sc, s);
            inFlight.add(me);
            ClientView client = ClientPart.play(h, s, proxies.get(sc.proxy));
            s.close();
            Record record = records.expect(sc.proxy, port).get(30, TimeUnit.SECONDS);
            ServiceView view = sc.reachesService() ? service.view(token).get(30, TimeUnit.SECONDS) : null;
            List<String> problems = Expectation.check(h, client, view, record);
            if (problems.isEmpty()) {
                if (Expectation.cutByIdleTimeout(h, record)) {
                    tally.idleCut();
                }
                tally.ok(sc);
            } else {
                tally.failed(sc, describe(h, port, String.join("; ", problems)));
            }
        } catch (TimeoutException e) {
            tally.failed(sc, describe(h, port, "no " + (records.expect(sc.proxy, port).isDone() ? "service view" : "record from synack") + " within 30 s"));
        } catch (Exception | AssertionError e) {
            tally.failed(sc, describe(h, port, e.toString()));
        } finally {
            if (me != null) {
                inFlight.remove(me);
            }
            records.forget(sc.proxy, port);
            service.forget(token);
        }
    }

    private static String describe(Header h, int port, String what) {
        return h.scenario() + " #" + h.token() + " (client port " + port + "): " + what;
    }

    /** Closes the socket of every connection past its deadline, which ends its blocked reads and writes. */
    private void closeHung() {
        long now = System.nanoTime();
        for (InFlight f : inFlight) {
            long deadline = f.scenario() == Scenario.LONG ? LONG_DEADLINE_NANOS : DEADLINE_NANOS;
            if (now - f.startNanos() > deadline && f.socket().isOpen()) {
                f.socket().close();
            }
        }
    }

    /** Stops starting connections and waits (up to {@code seconds}) for those in flight; false if some are left. */
    boolean stop(long seconds) throws InterruptedException {
        ticking.cancel(false);
        clients.shutdown();
        boolean done = clients.awaitTermination(seconds, TimeUnit.SECONDS);
        if (!done) {
            inFlight.forEach(f -> f.socket().close());
            clients.awaitTermination(30, TimeUnit.SECONDS);
        }
        clock.shutdownNow();
        return done;
    }

    int inFlight() {
        return inFlight.size();
    }

    Tally tally() {
        return tally;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
