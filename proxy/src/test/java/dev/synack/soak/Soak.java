package dev.synack.soak;

import dev.synack.testkit.BlackHole;
import dev.synack.testkit.ChildJvm;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs one soak: the services on loopback, synack in a child JVM ({@link SoakTarget}) with Netty's leak
 * detector at paranoid, traffic at a fixed rate for the set duration while the child is sampled, then a
 * quiet end (every session gone), a leak canary, a graceful stop, and the verdict ({@link SoakResult}).
 *
 * <p>Why a child JVM: its RSS, file descriptors and threads are synack's alone (the clients and services
 * here would swamp them in one process); the leak detector's level is read once per JVM, at class
 * initialisation, so it cannot be turned to paranoid for one test in a shared one; and a crash is seen as one.
 */
final class Soak {
    private final SoakSettings settings;
    private final List<Point> points = new ArrayList<>();
    private final Map<String, InetSocketAddress> proxies = new ConcurrentHashMap<>();
    private final Records records = new Records();
    private final List<String> protocol = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final java.util.concurrent.BlockingQueue<String> replies = new java.util.concurrent.LinkedBlockingQueue<>();

    /** One sample, {@code seconds} after the traffic started, with the connections started by then. */
    record Point(double seconds, long connections, ResourceSample sample) {}

    Soak(SoakSettings settings) {
        this.settings = settings;
    }

    SoakResult run() throws Exception {
        Files.createDirectories(settings.out());
        try (SoakService service = SoakService.start();
             SocketChannel refused = boundNotListening();
             BlackHole hole = BlackHole.start()) {
            Path config = settings.out().resolve("soak.yaml");
            Files.writeString(config, SoakConfig.yaml(settings.transport(), service.hostPort().port(),
                    ((InetSocketAddress) refused.getLocalAddress()).getPort(), hole.hostPort().port()));
            try (ChildJvm synack = ChildJvm.start(List.of("-Xmx512m", "-Dio.netty.leakDetection.level=paranoid"),
                    SoakTarget.class, List.of(config.toString()), this::onLine)) {
                String ready = reply("ready", 60, synack);
                ResourceSample baseline = sample(synack);
                Traffic traffic = new Traffic(proxies, service, records);
                long t0 = System.nanoTime();
                traffic.start(settings.rate());
                long intervalNanos = settings.interval().toNanos();
                long end = t0 + settings.duration().toNanos();
                for (long next = t0 + intervalNanos; next <= end; next += intervalNanos) {
                    TimeUnit.NANOSECONDS.sleep(Math.max(0, next - System.nanoTime()));
                    Point p = new Point((System.nanoTime() - t0) / 1e9, traffic.tally().total(Tally.STARTED), sample(synack));
                    points.add(p);
                    progress(p, traffic.tally());
                }
                boolean drained = traffic.stop(360);
                ResourceSample quiet = awaitQuiet(synack, baseline);
                double quietAt = (System.nanoTime() - t0) / 1e9;
                synack.send("canary");
                reply("canary done", 60, synack);
                synack.send("stop");
                reply("stopped", 60, synack);
                boolean exited = synack.process().waitFor(30, TimeUnit.SECONDS);
                int exit = exited ? synack.process().exitValue() : -1;
                TimeUnit.MILLISECONDS.sleep(200); // the last log lines
                return new SoakResult(settings, synack.pid(), ready, baseline, points, quietAt, quiet, traffic.tally(),
                        drained, records.unclaimed(), service.headerless(), SynackLog.of(synack.log()), exit);
            }
        }
    }

    /** One line per sample while a long soak runs, so that it can be watched (and its end need not be awaited). */
    private void progress(Point p, Tally tally) {
        if (settings.duration().toMinutes() >= 5) {
            ResourceSample s = p.sample();
            System.out.printf(java.util.Locale.ROOT, "soak %6.0f s: %d connections (%d not as expected), rss %.1f MiB, heap %.1f MiB, "
                    + "direct %.1f MiB, %d fds, %d threads, %d sessions%n", p.seconds(), p.connections(), tally.total(Tally.FAILED),
                    s.rssKib() / 1024.0, s.heapAfterGc() / 1048576.0, s.direct() / 1048576.0, s.fds(), s.threads(), s.sessions());
        }
    }

    /** A port that is bound but not listening: every connect to it is refused, and no one else can take it. */
    private static SocketChannel boundNotListening() throws IOException {
        SocketChannel ch = SocketChannel.open();
        ch.bind(new InetSocketAddress("127.0.0.1", 0));
        return ch;
    }

    private void onLine(String line) {
        if (line.startsWith(Record.PREFIX)) {
            records.arrived(Record.parse(line));
        } else if (line.startsWith("listening ")) {
            String[] f = line.split(" ");
            proxies.put(f[1], new InetSocketAddress("127.0.0.1", Integer.parseInt(f[2])));
        } else {
            protocol.add(line);
            replies.add(line);
        }
    }

    private String reply(String prefix, long seconds, ChildJvm synack) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            String l = replies.poll(100, TimeUnit.MILLISECONDS);
            if (l != null && l.startsWith(prefix)) {
                return l;
            }
            if (l == null && !synack.process().isAlive()) {
                break;
            }
        }
        throw new IllegalStateException("synack (pid " + synack.pid() + ") did not answer '" + prefix + "' within " + seconds
                + " s (alive: " + synack.process().isAlive() + "); its log ends:\n"
                + String.join("\n", synack.log().subList(Math.max(0, synack.log().size() - 40), synack.log().size())));
    }

    private synchronized ResourceSample sample(ChildJvm synack) throws Exception {
        synack.send("sample");
        return ResourceSample.parse(reply(ResourceSample.PREFIX, 60, synack));
    }

    /** Samples until synack holds no session and no more descriptors than before the traffic (up to 60 s). */
    private ResourceSample awaitQuiet(ChildJvm synack, ResourceSample baseline) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        ResourceSample s = sample(synack);
        while (System.nanoTime() < deadline && (s.sessions() > 0 || s.fds() > baseline.fds())) {
            TimeUnit.MILLISECONDS.sleep(500);
            s = sample(synack);
        }
        return s;
    }
}
