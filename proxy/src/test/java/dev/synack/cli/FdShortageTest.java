package dev.synack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.testkit.EchoServer;
import dev.synack.testkit.Ending;
import dev.synack.testkit.TestSocket;
import java.io.File;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * synack out of file descriptors, in a child JVM whose limit the test lowers with prlimit: an accept that
 * fails says so with the numbers (once, not once a second) and the waiting client is served once fds
 * are free again; a connection accepted with no fd left for its upstream socket gets an RST and the
 * close reason fd_limit, not upstream_unreachable.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FdShortageTest {
    private static final Pattern BOUND = Pattern.compile("\\[web] 127\\.0\\.0\\.1:(\\d+) -> ");

    @TempDir
    Path dir;

    @Test
    void outOfFdsAtAcceptAndAtConnect() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(new File("/usr/bin/prlimit").canExecute(), "prlimit (util-linux) is missing");
        try (EchoServer echo = EchoServer.start()) {
            Path config = dir.resolve("synack.yaml");
            Files.writeString(config, String.join("\n",
                    "transport: epoll",
                    "admin: {listen: off}",
                    "proxies:",
                    "  - name: web",
                    "    listen: 127.0.0.1:0",
                    "    upstream: 127.0.0.1:" + echo.address().getPort(),
                    ""));
            try (SynackProcess synack = SynackProcess.start(Map.of("SYNACK_LOG_LEVEL", "debug"), "run", "-c", config.toString())) {
                InetSocketAddress proxy = new InetSocketAddress("127.0.0.1", Integer.parseInt(synack.awaitLine(BOUND).group(1)));
                try (TestSocket warm = TestSocket.connect(proxy)) {
                    assertThat(warm.roundTrip("warm")).isEqualTo("warm");
                }
                synack.awaitLine(Pattern.compile("closed: client_fin"));

                // Room for exactly one session (two fds): the second client's accept fails.
                limitFreeFds(synack.pid(), 2);
                TestSocket first = TestSocket.connect(proxy);
                assertThat(first.roundTrip("one")).isEqualTo("one");
                TestSocket second = TestSocket.connect(proxy);
                synack.awaitLine(Pattern.compile("\\[web] accept failed: too many open files: this process has \\d+ open of its limit of \\d+"));
                CompletableFuture<String> servedLater = CompletableFuture.supplyAsync(() -> {
                    try {
                        return second.roundTrip("two");
                    } catch (java.io.IOException e) {
                        return e.toString();
                    }
                });
                first.close();
                assertThat(servedLater.get(30, TimeUnit.SECONDS)).as("the waiting client, once fds are free").isEqualTo("two");

                // Room for one accept and no upstream socket.
                limitFreeFds(synack.pid(), 1);
                try (TestSocket third = TestSocket.bound("127.0.0.1")) {
                    CompletableFuture<Ending> ending = CompletableFuture.supplyAsync(() -> third.connectAndReadToEnd(proxy).ending());
                    try {
                        assertThat(ending.get(30, TimeUnit.SECONDS)).isEqualTo(Ending.RESET);
                    } catch (java.util.concurrent.TimeoutException e) {
                        throw new AssertionError("the client at the fd limit was never answered; synack's output:\n"
                                + synack.output().lines().filter(l -> !l.contains("DEBUG i.n") && !l.startsWith("\t"))
                                .collect(java.util.stream.Collectors.joining("\n")), e);
                    }
                }
                synack.awaitLine(Pattern.compile("closed: fd_limit"));
                assertThat(synack.output()).contains("no socket for the upstream: too many open files");
                second.close();
            }
        }
    }

    /** Lowers the child's RLIMIT_NOFILE so that exactly {@code free} fd numbers are left below it. */
    private static void limitFreeFds(long pid, int free) throws Exception {
        TreeSet<Integer> used = new TreeSet<>();
        for (String f : new File("/proc/" + pid + "/fd").list()) {
            used.add(Integer.parseInt(f));
        }
        int limit = 0;
        for (int left = free; left > 0 || used.contains(limit); limit++) {
            if (!used.contains(limit)) {
                left--;
            }
        }
        Process p = new ProcessBuilder("prlimit", "--pid", Long.toString(pid), "--nofile=" + limit + ":" + 20000)
                .inheritIO().start();
        assertThat(p.waitFor()).as("prlimit exit status").isZero();
    }
}
