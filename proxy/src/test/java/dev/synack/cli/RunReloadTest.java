package dev.synack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.testkit.EchoServer;
import dev.synack.testkit.TestSocket;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code synack run --no-watch} in a child JVM reloads its config on SIGHUP (and survives the signal, whose
 * default in a JVM is to exit): an edited file is applied only once the signal comes.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RunReloadTest {
    private static final Pattern WEB = Pattern.compile("\\[web] 127\\.0\\.0\\.1:(\\d+) -> ");
    private static final Pattern ADDED = Pattern.compile("SIGHUP: added proxy extra listening on /127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path dir;

    private SynackProcess synack;

    @AfterEach
    void stop() {
        if (synack != null) {
            synack.close();
        }
    }

    @Test
    void sighupReloadsTheConfig() throws Exception {
        try (EchoServer echo = EchoServer.start()) {
            Path config = dir.resolve("synack.yaml");
            String web = "  - {name: web, listen: 127.0.0.1:0, upstream: 127.0.0.1:" + echo.address().getPort() + "}\n";
            Files.writeString(config, "shutdown: {drain: 1s}\nproxies:\n" + web);
            synack = SynackProcess.start(Map.of(), "run", "--no-watch", "-c", config.toString());
            int webPort = Integer.parseInt(synack.awaitLine(WEB).group(1));
            synack.awaitLine(Pattern.compile("reloads on SIGHUP$"));

            Files.writeString(config, "shutdown: {drain: 1s}\nproxies:\n" + web
                    + "  - {name: extra, listen: 127.0.0.1:0, upstream: 127.0.0.1:" + echo.address().getPort() + "}\n");
            synack.kill("HUP");
            int extraPort = Integer.parseInt(synack.awaitLine(ADDED).group(1));
            for (int port : new int[] {webPort, extraPort}) {
                try (TestSocket c = TestSocket.connect(new InetSocketAddress("127.0.0.1", port))) {
                    assertThat(c.roundTrip("after SIGHUP")).isEqualTo("after SIGHUP");
                }
            }

            synack.kill("TERM");
            assertThat(synack.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(synack.process().exitValue()).as(synack.output()).isZero();
        }
    }
}
