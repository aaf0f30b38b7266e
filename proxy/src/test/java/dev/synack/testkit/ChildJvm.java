package dev.synack.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A test-scope {@code main} class in a JVM of its own, with the test's class path: a peer the test can
 * kill with a signal, or a synack whose memory, threads and file descriptors are its own. Its stdout is
 * a line protocol the test reads ({@link #awaitLine}, or a listener for every line); its stderr is its log,
 * kept whole. stdin stays open for commands ({@link #send}).
 */
public final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final Writer stdin;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> log = new ArrayList<>();
    private volatile Consumer<String> listener;

    private ChildJvm(Process process, Consumer<String> listener) {
        this.process = process;
        this.listener = listener;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        daemon("child-stdout-" + process.pid(), () -> pump(process.getInputStream(), true));
        daemon("child-stderr-" + process.pid(), () -> pump(process.getErrorStream(), false));
    }

    /**
     * Starts {@code java JVM_ARGS -cp <test class path> MAIN ARGS}. Logback in the child logs to stderr with the
     * product's configuration (the test configuration would write to stdout, which is the protocol).
     * {@code listener}, when not null, sees every stdout line as it comes (and the queue of
     * {@link #awaitLine} gets none).
     */
    public static ChildJvm start(List<String> jvmArgs, Class<?> main, List<String> args, Consumer<String> listener) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path logback = Path.of(System.getProperty("synack.repo", "."), "proxy", "target", "classes", "logback.xml");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-Dlogback.configurationFile=" + logback.toAbsolutePath().normalize(), "-cp", classpath, main.getName()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("SYNACK_LOG_LEVEL", "info");
        return new ChildJvm(pb.start(), listener);
    }

    public static ChildJvm start(Class<?> main, String... args) throws IOException {
        return start(List.of("-Xmx64m", "-XX:TieredStopAtLevel=1"), main, List.of(args), null);
    }

    private static void daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }

    private void pump(InputStream in, boolean protocol) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String l; (l = r.readLine()) != null; ) {
                if (!protocol) {
                    synchronized (log) {
                        log.add(l);
                    }
                } else if (listener != null) {
                    listener.accept(l);
                } else {
                    lines.add(l);
                }
            }
        } catch (IOException e) {
            // the process is gone; what it printed before is kept
        }
    }

    public long pid() {
        return process.pid();
    }

    public Process process() {
        return process;
    }

    /** Writes one command line to the child's stdin. */
    public synchronized void send(String line) throws IOException {
        stdin.write(line + "\n");
        stdin.flush();
    }

    /** The next stdout line that starts with {@code prefix} (earlier ones are dropped), waiting up to {@code seconds}. */
    public String awaitLine(String prefix, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            String l = lines.poll(100, TimeUnit.MILLISECONDS);
            if (l != null && l.startsWith(prefix)) {
                return l;
            }
            if (l == null && !process.isAlive() && lines.isEmpty()) {
                break;
            }
        }
        throw new AssertionError("no line starting with '" + prefix + "' from the child within " + seconds
                + " s (alive: " + process.isAlive() + "); its log:\n" + String.join("\n", log()));
    }

    /** Everything the child wrote to stderr so far. */
    public List<String> log() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    /** Sends a signal ({@code KILL}, {@code TERM}) with kill(1) and waits for the process to end (up to 10 s). */
    public void kill(String signal) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start().waitFor();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
