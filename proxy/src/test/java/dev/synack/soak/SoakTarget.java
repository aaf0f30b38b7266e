package dev.synack.soak;

import dev.synack.app.Synack;
import dev.synack.config.ConfigLoader;
import dev.synack.config.ProxySpec;
import dev.synack.config.SynackConfig;
import dev.synack.observe.CloseReason;
import dev.synack.observe.ConnectionObserver;
import dev.synack.observe.ConnectionSummary;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The soak's synack, in a JVM of its own: starts the config given, prints each proxy's port (and the admin
 * server's, when it listens), then one line
 * per ended connection ({@link Record}) and, when asked on stdin, a {@link ResourceSample}. Commands:
 * {@code sample}, {@code canary} (leaks one buffer on purpose, to show the leak detector is live and its
 * reports are read), {@code stop} (a graceful shutdown; then it exits 0).
 */
public final class SoakTarget {
    private SoakTarget() {}

    public static void main(String[] args) throws Exception {
        SynackConfig config = ConfigLoader.load(Path.of(args[0]));
        Synack synack = Synack.start(config, List.of(new RecordPrinter()));
        for (ProxySpec p : config.proxies()) {
            say("listening " + p.name() + " " + synack.address(p.name()).getPort());
        }
        synack.adminAddress().ifPresent(a -> say("admin " + a.getPort()));
        say("ready transport=" + synack.transport().transport().configName() + " leak_detection=" + ResourceLeakDetector.getLevel());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String cmd; (cmd = in.readLine()) != null; ) {
            switch (cmd.trim()) {
                case "sample" -> say(ResourceSample.read(() -> sessions(synack, config)).line());
                case "canary" -> {
                    leakCanary();
                    say("canary done");
                }
                case "stop" -> {
                    synack.shutdown(Duration.ofSeconds(5));
                    say("stopped");
                    System.exit(0);
                }
                default -> say("unknown command " + cmd);
            }
        }
        synack.shutdown(Duration.ZERO);
    }

    private static int sessions(Synack synack, SynackConfig config) {
        return config.proxies().stream().mapToInt(p -> synack.activeSessions(p.name())).sum();
    }

    /**
     * Drops a pooled buffer without releasing it, then collects garbage and allocates until the detector,
     * which looks for collected buffers whenever a buffer is allocated, has had its chance to report it.
     */
    private static void leakCanary() throws InterruptedException {
        ByteBuf leaked = PooledByteBufAllocator.DEFAULT.directBuffer(64);
        leaked.writeLong(42);
        leaked = null;
        for (int i = 0; i < 40; i++) {
            System.gc();
            Thread.sleep(25);
            PooledByteBufAllocator.DEFAULT.directBuffer(8).release();
        }
    }

    static synchronized void say(String line) {
        System.out.println(line);
    }

    /** Prints synack's record of each ended connection, and of each connection refused at accept. */
    private static final class RecordPrinter implements ConnectionObserver {
        @Override
        public void closed(ConnectionSummary s) {
            say(new Record(s.proxy(), s.client().getPort(), s.reason().key(), s.bytesClientToService(), s.bytesServiceToClient()).line());
        }

        @Override
        public void rejected(String proxy, InetSocketAddress client, CloseReason reason, long nanos) {
            say(new Record(proxy, client.getPort(), reason.key(), 0, 0).line());
        }
    }
}
