package dev.synack.soak;

import dev.synack.testkit.ChildJvm;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Holds N connections open at once, then lets them go, and measures what each costs synack and how long a
 * metrics scrape takes with all of them open. synack runs in a child JVM ({@link SoakTarget}), so its
 * descriptors are its own; the clients and the service's ends (an {@link EchoSelector}, one thread) live
 * in this process.
 *
 * <p>{@link Hold#PROXIED}: every connection is proven proxied by a one-byte round trip before it counts;
 * each holds two descriptors in synack and two here, so 9,000 is as many as the machine's hard limit of
 * 20,000 per process allows. {@link Hold#ACCEPTED}: the upstream connect is held back by a
 * {@code connect_delay} fault of an hour, so each connection holds one descriptor in synack (the client's)
 * and one here: that is how 10,000 open connections fit under the same limit, for the scrape's sake. Its
 * clients leave with an RST (a FIN would rightly wait for the upstream connection to be delivered).
 */
final class ScaleRun {
    /** How far each held connection gets: through to the service, or accepted with its connect held back. */
    enum Hold { PROXIED, ACCEPTED }

    private static final int SCRAPES = 21;

    private final Hold hold;
    private final Map<String, AtomicLong> reasons = new ConcurrentHashMap<>();
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    private volatile int port;
    private volatile int adminPort;

    private ScaleRun(Hold hold) {
        this.hold = hold;
    }

    /**
     * What synack held before, with all N open, and after they closed; how long opening and releasing took;
     * the scrapes of GET /metrics taken with all N open (milliseconds, in order) and the active-connections
     * gauge the first of them showed.
     */
    record Result(int connections, Hold hold, String ready, ResourceSample before, ResourceSample held, ResourceSample after,
                  double openSeconds, double releaseSeconds, Map<String, AtomicLong> reasons, List<Double> scrapeMillis,
                  double scrapedActive, int scrapeBytes) {}

    static Result run(int n, Hold hold, String transport, Path out) throws Exception {
        return new ScaleRun(hold).measure(n, transport, out);
    }

    private Result measure(int n, String transport, Path out) throws Exception {
        checkHeadroom(hold == Hold.PROXIED ? 2L * n : n);
        Files.createDirectories(out);
        try (EchoSelector service = new EchoSelector()) {
            Path config = out.resolve("scale.yaml");
            String faults = hold == Hold.PROXIED ? "" : """
                        faults:
                          - {type: connect_delay, attributes: {delay: 3600000}}
                    """;
            Files.writeString(config, """
                    admin: {listen: 127.0.0.1:0}
                    transport: %s
                    proxies:
                      - name: relay
                        listen: 127.0.0.1:0
                        upstream: 127.0.0.1:%d
                        connect: {timeout: 10s, attempts: 1}
                        limits: {max_connections: 0, idle_timeout: 1h}
                        downstream: {backlog: 4096}
                    """.formatted(transport, service.port()) + faults);
            try (ChildJvm synack = ChildJvm.start(List.of("-Xmx1g"), SoakTarget.class, List.of(config.toString()), this::onLine)) {
                String ready = reply(synack, "ready");
                ResourceSample before = sample(synack);
                List<SocketChannel> clients = new ArrayList<>(n);
                long t0 = System.nanoTime();
                try {
                    for (int i = 0; i < n; i++) {
                        InetSocketAddress proxy = new InetSocketAddress("127.0.0.1", port);
                        clients.add(hold == Hold.PROXIED ? open(proxy) : SocketChannel.open(proxy));
                    }
                    double openSeconds = (System.nanoTime() - t0) / 1e9;
                    ResourceSample held = until(synack, s -> s.sessions() >= n);
                    Scrapes scrapes = Scrapes.take(adminPort, SCRAPES);
                    long t1 = System.nanoTime();
                    for (SocketChannel c : clients) {
                        if (hold == Hold.ACCEPTED) {
                            c.setOption(StandardSocketOptions.SO_LINGER, 0);
                        }
                        c.close();
                    }
                    clients.clear();
                    ResourceSample after = until(synack, s -> s.sessions() == 0 && s.fds() <= before.fds());
                    double releaseSeconds = (System.nanoTime() - t1) / 1e9;
                    awaitRecords(n);
                    synack.send("stop");
                    reply(synack, "stopped");
                    return new Result(n, hold, ready, before, held, after, openSeconds, releaseSeconds, reasons,
                            scrapes.millis(), scrapes.active("relay"), scrapes.bytes());
                } finally {
                    for (SocketChannel c : clients) {
                        c.close();
                    }
                }
            }
        }
    }

    /** This process needs {@code needed} descriptors (clients, and the service's ends when proxied) on top of what it has open. */
    private static void checkHeadroom(long needed) throws IOException {
        long open;
        try (var s = Files.list(Path.of("/proc/self/fd"))) {
            open = s.count();
        }
        long limit = Files.readAllLines(Path.of("/proc/self/limits")).stream().filter(l -> l.startsWith("Max open files"))
                .map(l -> Long.parseLong(l.split("\\s+")[3])).findFirst().orElse(Long.MAX_VALUE);
        if (open + needed + 64 > limit) {
            throw new IllegalStateException("the connections need " + needed + " descriptors in the test process besides the "
                    + open + " it has open, and its limit is " + limit + " (ulimit -n): use fewer connections");
        }
    }

    private static SocketChannel open(InetSocketAddress proxy) throws IOException {
        SocketChannel c = SocketChannel.open(proxy);
        c.write(ByteBuffer.wrap(new byte[] {7}));
        ByteBuffer back = ByteBuffer.allocate(1);
        if (c.read(back) != 1 || back.get(0) != 7) {
            c.close();
            throw new IOException("connection " + c + " was not echoed through synack");
        }
        return c;
    }

    private void onLine(String line) {
        if (line.startsWith(Record.PREFIX)) {
            reasons.computeIfAbsent(Record.parse(line).reason(), r -> new AtomicLong()).incrementAndGet();
        } else if (line.startsWith("admin ")) {
            adminPort = Integer.parseInt(line.split(" ")[1]);
        } else if (line.startsWith("listening ")) {
            port = Integer.parseInt(line.split(" ")[2]);
        } else {
            replies.add(line);
        }
    }

    private void awaitRecords(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (reasons.values().stream().mapToLong(AtomicLong::get).sum() < n && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    private ResourceSample until(ChildJvm synack, java.util.function.Predicate<ResourceSample> done) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        ResourceSample s = sample(synack);
        while (!done.test(s) && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(250);
            s = sample(synack);
        }
        return s;
    }

    private ResourceSample sample(ChildJvm synack) throws Exception {
        synack.send("sample");
        return ResourceSample.parse(reply(synack, ResourceSample.PREFIX));
    }

    private String reply(ChildJvm synack, String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            String l = replies.poll(100, TimeUnit.MILLISECONDS);
            if (l != null && l.startsWith(prefix)) {
                return l;
            }
            if (l == null && !synack.process().isAlive()) {
                break;
            }
        }
        throw new IllegalStateException("synack did not answer '" + prefix + "'; its log:\n" + String.join("\n", synack.log()));
    }
}
