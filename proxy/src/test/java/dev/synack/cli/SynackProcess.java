package dev.synack.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code synack} in a child JVM, as a user runs it, with its output (stdout and stderr) collected line by
 * line: for what belongs to a whole process — signal handlers, fd limits, exit status.
 */
final class SynackProcess implements AutoCloseable {
    private final Process process;
    private final List<String> log = new ArrayList<>();
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private SynackProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(() -> pump(process.getInputStream()), "synack-child-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code synack ARGS} with the test's class path and {@code env} added to the environment. synack's
     * own classes come from a jar, as in production: a JVM loads a class from an open jar without a new
     * fd, but from a class directory it opens a file per class, which a process out of fds cannot do.
     */
    static SynackProcess start(Map<String, String> env, String... args) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path classes = Path.of(System.getProperty("synack.repo"), "proxy", "target", "classes").toAbsolutePath().normalize();
        classpath = classpath.replace(classes.toString(), ClassesJar.of(classes).toString());
        Path logback = Path.of(System.getProperty("synack.repo"), "proxy", "target", "classes", "logback.xml");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Dlogback.configurationFile=" + logback, "-cp", classpath, Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("SYNACK_LOG_LEVEL", "info");
        pb.environment().putAll(env);
        return new SynackProcess(pb.start());
    }

    long pid() {
        return process.pid();
    }

    Process process() {
        return process;
    }

    /** Sends a signal ({@code TERM}, {@code INT}) with kill(1). */
    void kill(String signal) throws Exception {
        new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start().waitFor();
    }

    /** The first line from now on that matches, waiting up to 30 s; fails with the whole output otherwise. */
    Matcher awaitLine(Pattern p) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            String l = lines.poll(1, TimeUnit.SECONDS);
            if (l != null) {
                Matcher m = p.matcher(l);
                if (m.find()) {
                    return m;
                }
            }
        }
        throw new AssertionError("no line matching " + p + " in synack's output:\n" + output());
    }

    /** Everything the process printed so far. */
    String output() {
        synchronized (log) {
            return String.join("\n", log);
        }
    }

    private void pump(InputStream in) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String l; (l = r.readLine()) != null; ) {
                synchronized (log) {
                    log.add(l);
                }
                lines.add(l);
            }
        } catch (IOException e) {
            lines.add("output failed: " + e);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
