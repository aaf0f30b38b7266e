package dev.synack.mirror;

import dev.synack.mirror.model.LinuxTcpState;
import dev.synack.net.ProcNetTcp;
import dev.synack.observe.CloseReason;
import dev.synack.observe.Peer;
import dev.synack.observe.Side;
import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * A measurement, not a test: what the mirror costs with 10,000 tracked connections. It writes a stand-in
 * /proc with one TIME_WAIT row per connection's upstream socket plus 10,000 rows of other sockets (20,000
 * rows: what a busy host's tables hold), then times the engine's poll (one scan, every lookup and
 * comparison), and measures the heap each tracked connection takes (mirrors, timeline, views of the kernel),
 * in bytes and, from two class histograms ({@code jcmd <pid> GC.class_histogram}, when jcmd is on the PATH),
 * in objects: what a young collection copies and marks per tracked connection.
 * Run: {@code java -cp <test classpath> dev.synack.mirror.MirrorCostProbe [connections]}.
 */
public final class MirrorCostProbe {
    private MirrorCostProbe() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Path proc = Files.createTempDirectory("mirror-cost-proc");
        writeProc(proc, n);
        KernelProbe probe = new KernelProbe() {
            @Override public java.util.Optional<dev.synack.observe.TcpInfo> tcpInfo(dev.synack.observe.ConnectionInfo c, Side s) {
                return java.util.Optional.empty();
            }
            @Override public KernelTable scan(ScanRequest wanted) throws IOException {
                return KernelTable.of(ProcNetTcp.scan(proc, wanted.tcp(), wanted.tcp6(), wanted), System.nanoTime(), wanted);
            }
        };
        long[] now = {0};
        MirrorEngine engine = new MirrorEngine(probe, new MirrorOptions(Duration.ofSeconds(1), Duration.ofSeconds(30), 2 * n,
                Duration.ofSeconds(5), 0), () -> now[0]);
        long before = usedHeap();
        Map<String, long[]> histogramBefore = histogram();
        List<FakeConnection> keep = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            keep.add(endInTimeWait(engine, i));
        }
        long after = usedHeap();
        Map<String, long[]> histogramAfter = histogram();
        System.out.printf(Locale.ROOT, "heap per tracked connection: %d bytes (%d connections, %.1f MiB)%n",
                (after - before) / n, n, (after - before) / 1048576.0);
        if (!histogramBefore.isEmpty() && !histogramAfter.isEmpty()) {
            printObjects(histogramBefore, histogramAfter, n);
        }
        long[] polls = new long[15];
        for (int i = 0; i < polls.length; i++) {
            long t0 = System.nanoTime();
            engine.sampleNow().get();
            polls[i] = System.nanoTime() - t0;
        }
        long[] scans = new long[15];
        for (int i = 0; i < scans.length; i++) {
            long t0 = System.nanoTime();
            ProcNetTcp.scan(proc);
            scans[i] = System.nanoTime() - t0;
        }
        long[] real = new long[15];
        int rows = 0;
        for (int i = 0; i < real.length; i++) {
            long t0 = System.nanoTime();
            rows = ProcNetTcp.scan().size();
            real[i] = System.nanoTime() - t0;
        }
        System.out.printf(Locale.ROOT, "poll with %d tracked connections (%d /proc rows): median %.1f ms (scan and parse alone %.1f ms)%n",
                n, 2 * n, median(polls) / 1e6, median(scans) / 1e6);
        System.out.printf(Locale.ROOT, "this machine's real /proc/net/tcp{,6} (%d rows): median %.1f ms a scan%n", rows,
                median(real) / 1e6);
        System.out.println("tracked: " + engine.queries().connections(null, true).size() + " (kept " + keep.size() + ")");
    }

    private static FakeConnection endInTimeWait(MirrorEngine engine, int id) {
        FakeConnection c = new FakeConnection(id);
        engine.accepted(c, 0);
        engine.connectStarted(c, c.upstream(), 1, 1);
        c.connectedUpstream();
        engine.connected(c, c.upstream(), 1, 2);
        engine.finRead(c, Side.DOWNSTREAM, 3);
        engine.finSent(c, Side.UPSTREAM, 4);
        engine.finRead(c, Side.UPSTREAM, 5);
        c.closeFd(Side.UPSTREAM);
        engine.socketClosed(c, Side.UPSTREAM, 5);
        engine.finSent(c, Side.DOWNSTREAM, 6);
        c.closeFd(Side.DOWNSTREAM);
        engine.socketClosed(c, Side.DOWNSTREAM, 6);
        c.ended();
        engine.closed(new dev.synack.observe.ConnectionSummary(id, "web", c.client(), c.upstream(), 1, 1, 6, 68, 107, 0, 0,
                Peer.CLIENT, CloseReason.CLIENT_FIN, List.of(), List.of()));
        return c;
    }

    /** tcp (empty) and tcp6 with each connection's upstream TIME_WAIT row and as many unrelated rows. */
    private static void writeProc(Path root, int n) throws IOException {
        Files.createDirectories(root.resolve("net"));
        Files.writeString(root.resolve("net/tcp"), "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n");
        try (Writer w = Files.newBufferedWriter(root.resolve("net/tcp6"))) {
            w.write("  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n");
            for (int i = 1; i <= n; i++) {
                w.write(row(i, 50000 + i, 8080, LinuxTcpState.TIME_WAIT.code(), 0));
                w.write(row(n + i, 20000 + i % 40000, 443, LinuxTcpState.ESTABLISHED.code(), 1000 + i));
            }
        }
    }

    private static String row(int sl, int localPort, int remotePort, int state, long inode) {
        String lo = "0000000000000000FFFF00000100007F";
        return String.format(Locale.ROOT, "%6d: %s:%04X %s:%04X %02X 00000000:00000000 03:00001770 00000000     0        0 %d 1 0000000000000000%n",
                sl, lo, localPort & 0xffff, lo, remotePort, state, inode);
    }

    /**
     * Live instances and bytes by class ({@code jcmd <pid> GC.class_histogram}, after a full collection); empty
     * without jcmd. The kept FakeConnections (and their addresses) are counted too, before and after alike.
     */
    private static Map<String, long[]> histogram() throws InterruptedException {
        Map<String, long[]> byClass = new HashMap<>();
        try {
            Process p = new ProcessBuilder("jcmd", Long.toString(ProcessHandle.current().pid()), "GC.class_histogram")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            p.waitFor();
            for (String line : out.split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length >= 4 && f[0].endsWith(":")) {
                    byClass.put(f[3], new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
                }
            }
        } catch (IOException | RuntimeException e) {
            System.out.println("no class histogram (" + e + ")");
        }
        return byClass;
    }

    private static void printObjects(Map<String, long[]> before, Map<String, long[]> after, int n) {
        long objects = 0;
        List<Map.Entry<String, long[]>> grown = new ArrayList<>();
        for (Map.Entry<String, long[]> e : after.entrySet()) {
            long[] b = before.getOrDefault(e.getKey(), new long[2]);
            long[] d = {e.getValue()[0] - b[0], e.getValue()[1] - b[1]};
            objects += d[0];
            if (d[0] >= n / 2) {
                grown.add(Map.entry(e.getKey(), d));
            }
        }
        grown.sort((x, y) -> Long.compare(y.getValue()[1], x.getValue()[1]));
        System.out.printf(Locale.ROOT, "objects per tracked connection: %.1f%n", objects / (double) n);
        for (Map.Entry<String, long[]> e : grown) {
            System.out.printf(Locale.ROOT, "  %6.2f objects %6d bytes  %s%n", e.getValue()[0] / (double) n,
                    e.getValue()[1] / n, e.getKey());
        }
    }

    private static long usedHeap() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static double median(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
