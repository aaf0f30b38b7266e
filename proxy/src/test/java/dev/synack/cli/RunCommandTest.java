package dev.synack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code synack run} in a child JVM, as a user runs it: it serves, and a signal drains it and ends it
 * with status 0. A child process, because the signal handlers it installs belong to a whole JVM.
 */
class RunCommandTest {
    private static final Pattern BOUND = Pattern.compile("\\[web] 127\\.0\\.0\\.1:(\\d+) -> ");

    @TempDir
    Path dir;

    private SynackProcess synack;
    private ServerSocket upstream;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT"})
    void servesUntilASignalThenDrainsAndExitsZero(String signal) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(ignoredHere(signal),
                "SIG" + signal + " is ignored by this test run (a background job's SIGINT is): a child inherits that, and the JVM "
                        + "then leaves it ignored, as a daemon started in the background should");
        upstream = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread service = new Thread(this::answerOnce, "run-test-upstream");
        service.setDaemon(true);
        service.start();
        Path config = dir.resolve("synack.yaml");
        Files.writeString(config, String.join("\n",
                "shutdown: {drain: 5s}",
                "admin: {listen: 127.0.0.1:0}",
                "proxies:",
                "  - name: web",
                "    listen: 127.0.0.1:0",
                "    upstream: 127.0.0.1:" + upstream.getLocalPort(),
                ""));

        synack = SynackProcess.start(java.util.Map.of(), "run", "-c", config.toString());
        int port = Integer.parseInt(synack.awaitLine(BOUND).group(1));

        try (Socket client = new Socket()) {
            client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
            client.setSoTimeout(10_000);
            client.getOutputStream().write("ping\n".getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
            assertThat(in.readLine()).isEqualTo("pong:ping");
        }

        synack.kill(signal);
        assertThat(synack.process().waitFor(30, TimeUnit.SECONDS)).as("synack exited after SIG%s; its output:\n%s", signal, synack.output()).isTrue();
        synack.awaitLine(Pattern.compile("stopped"));
        String output = synack.output();
        assertThat(synack.process().exitValue()).as(output).isZero();
        assertThat(output).contains("SIG" + signal + ": stopping").doesNotContain("\tat ");
    }

    /**
     * A second signal during the drain must not hide a cut transfer: a slow reader in the middle of a
     * 48 MiB download gets an RST, not a clean FIN after part of the data; so does the service; the
     * connection is recorded with close reason shutdown; and synack exits 0 as after any signal.
     */
    @ParameterizedTest
    @ValueSource(strings = {"TERM"})
    void aSecondSignalResetsWhatIsOpenAndStillRecordsIt(String signal) throws Exception {
        upstream = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        java.util.concurrent.CompletableFuture<String> serviceEnding = new java.util.concurrent.CompletableFuture<>();
        Thread service = new Thread(() -> sendMany(48 << 20, serviceEnding), "run-test-source");
        service.setDaemon(true);
        service.start();
        Path config = dir.resolve("synack.yaml");
        Files.writeString(config, String.join("\n",
                "shutdown: {drain: 60s}",
                "admin: {listen: 127.0.0.1:0}",
                "proxies:",
                "  - name: web",
                "    listen: 127.0.0.1:0",
                "    upstream: 127.0.0.1:" + upstream.getLocalPort(),
                ""));
        synack = SynackProcess.start(java.util.Map.of("SYNACK_LOG_LEVEL", "debug"), "run", "-c", config.toString());
        int port = Integer.parseInt(synack.awaitLine(BOUND).group(1));

        try (Socket client = new Socket()) {
            client.setReceiveBufferSize(64 * 1024);
            client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
            client.setSoTimeout(30_000);
            InputStream in = client.getInputStream();
            long got = in.readNBytes(1 << 20).length;
            assertThat(got).isEqualTo(1 << 20);

            synack.kill(signal);
            synack.awaitLine(Pattern.compile("SIG" + signal + ": stopping"));
            synack.kill(signal);
            assertThat(synack.process().waitFor(30, TimeUnit.SECONDS)).as("synack exited after the second SIG%s", signal).isTrue();

            String ending = "EOF";
            try {
                byte[] buf = new byte[64 * 1024];
                for (int n; (n = in.read(buf)) >= 0; ) {
                    got += n;
                }
            } catch (IOException e) {
                ending = String.valueOf(e.getMessage());
            }
            assertThat(got).as("bytes the client got").isLessThan(48L << 20);
            assertThat(ending).as("how the client's read ended after %d bytes", got).contains("Connection reset");
        }
        assertThat(serviceEnding.get(30, TimeUnit.SECONDS)).as("how the service's writes ended").contains("reset");
        String output = synack.output();
        assertThat(synack.process().exitValue()).as(output).isZero();
        assertThat(output).containsPattern("closed: shutdown").doesNotContain("\tat ");
    }

    @AfterEach
    void stop() throws IOException {
        if (synack != null) {
            synack.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    /** A service that answers one line with {@code pong:} + the line, then waits for the client to close. */
    private void answerOnce() {
        try (Socket s = upstream.accept()) {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            s.getOutputStream().write(("pong:" + in.readLine() + "\n").getBytes(StandardCharsets.US_ASCII));
            in.readLine();
        } catch (IOException e) {
            lines.add("upstream failed: " + e);
        }
    }

    /** A service that writes {@code total} bytes to the one connection it accepts; how that ended goes to {@code ending}. */
    private void sendMany(long total, java.util.concurrent.CompletableFuture<String> ending) {
        try (Socket s = upstream.accept()) {
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) 'x');
            for (long sent = 0; sent < total; sent += chunk.length) {
                s.getOutputStream().write(chunk);
            }
            ending.complete("all sent");
        } catch (IOException e) {
            ending.complete(String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT));
        }
    }


    /** Whether this process ignores the signal (its children inherit that): the SigIgn mask of /proc/self/status. */
    static boolean ignoredHere(String signal) throws IOException {
        int number = switch (signal) {
            case "INT" -> 2;
            case "TERM" -> 15;
            case "HUP" -> 1;
            default -> throw new IllegalArgumentException(signal);
        };
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("SigIgn:")) {
                long mask = Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16);
                return (mask & (1L << (number - 1))) != 0;
            }
        }
        return false;
    }
}
