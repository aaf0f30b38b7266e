package dev.synack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int synack(String... args) {
        return Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void helpListsEveryCommand() {
        assertThat(synack("--help")).isEqualTo(Main.OK);
        assertThat(out.toString()).startsWith("Usage: synack").contains("run", "demo", "doctor", "--version");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void helpOfACommandShowsItsOptions() {
        assertThat(synack("run", "--help")).isEqualTo(Main.OK);
        assertThat(out.toString()).contains("-c, --config=FILE").contains("config/synack.yaml");
    }

    @Test
    void versionComesFromTheBuild() {
        assertThat(synack("--version")).isEqualTo(Main.OK);
        // A number proves Maven filtered the resource; "dev" would mean it did not.
        assertThat(out.toString()).containsPattern("^synack \\d+\\.\\d+\\.\\d+").contains("Java 17");
    }

    @Test
    void aBadConfigPrintsEveryErrorExitsTwoAndOpensNoPort() throws IOException {
        int port = freePort();
        Path config = dir.resolve("bad.yaml");
        Files.writeString(config, String.join("\n",
                "transport: warp",
                "proxies:",
                "  - name: web",
                "    listen: 127.0.0.1:" + port,
                "    upstream: 127.0.0.1:8080",
                "    connect: {timeout: fast}",
                "  - name: web",
                "    listen: 127.0.0.1:0",
                "    upstream: 127.0.0.1:8081",
                ""));

        assertThat(synack("run", "-c", config.toString())).isEqualTo(Main.USAGE);

        assertThat(err.toString())
                .contains("3 errors in config:")
                .contains("transport: \"warp\"")
                .contains("proxies[0].connect.timeout: \"fast\"")
                .contains("proxies[1].name: \"web\"")
                .doesNotContain("Exception", "\tat ");
        assertThat(out.toString()).isEmpty();
        assertThat(canBind(port)).as("port %d of the bad config is still free", port).isTrue();
    }

    @Test
    void doctorReportsAConfigErrorWithStatusTwo() throws IOException {
        Path config = dir.resolve("bad.yaml");
        Files.writeString(config, "proxies: x\n");
        assertThat(synack("doctor", "-c", config.toString())).isEqualTo(Main.USAGE);
        assertThat(err.toString()).contains("1 error in config:").contains("proxies: \"x\"");
    }

    @Test
    void faultErrorsAreConfigErrorsOfRunAllAtOnceAndOpenNoPort() throws IOException {
        int port = freePort();
        Path config = dir.resolve("faults.yaml");
        Files.writeString(config, String.join("\n",
                "proxies:",
                "  - name: web",
                "    listen: 127.0.0.1:" + port,
                "    upstream: 127.0.0.1:8080",
                "    faults:",
                "      - {type: latncy}",
                "      - {type: bandwidth, attributes: {rate: -5}}",
                ""));

        assertThat(synack("run", "-c", config.toString())).isEqualTo(Main.USAGE);

        assertThat(err.toString()).contains("2 errors in config:")
                .contains("proxies[0].faults[0].type: \"latncy\" (expected: latency)")
                .contains("proxies[0].faults[1].attributes.rate: -5 (expected: an integer from 0 to 100000000 (KB/s, 1 KB = 1000 bytes))")
                .doesNotContain("Exception", "\tat ");
        assertThat(canBind(port)).isTrue();
    }

    @Test
    void aFaultTheTransportCannotRunIsAConfigErrorOfRun() throws IOException {
        Path config = dir.resolve("nio.yaml");
        Files.writeString(config, String.join("\n",
                "transport: nio",
                "proxies:",
                "  - {name: web, listen: 127.0.0.1:0, upstream: 127.0.0.1:8080, faults: [{type: silent_drop}]}",
                ""));
        assertThat(synack("run", "-c", config.toString())).isEqualTo(Main.USAGE);
        assertThat(err.toString()).contains("1 error in config:")
                .contains("proxies[0].faults[0].type: \"silent_drop\" (expected: a fault this machine can run; "
                        + "silent_drop needs a native transport for TCP_REPAIR (transport: epoll or io_uring))");
    }

    @Test
    void doctorReportsFaultErrorsWithStatusTwoAndWhatAFaultNeeds() throws IOException {
        Path bad = dir.resolve("bad-fault.yaml");
        Files.writeString(bad, "proxies: [{name: web, listen: 127.0.0.1:0, upstream: 127.0.0.1:8080, faults: [{type: nope}]}]\n");
        assertThat(synack("doctor", "-c", bad.toString())).isEqualTo(Main.USAGE);
        assertThat(err.toString()).contains("proxies[0].faults[0].type: \"nope\"");

        Path nio = dir.resolve("nio.yaml");
        Files.writeString(nio, "transport: nio\nproxies: [{name: web, listen: 127.0.0.1:0, upstream: 127.0.0.1:8080, "
                + "faults: [{type: latency}, {type: silent_drop}]}]\n");
        assertThat(synack("doctor", "-c", nio.toString())).isEqualTo(Main.PROBLEM);
        assertThat(out.toString()).contains("proxy web (proxies[0]), faults[1]")
                .containsPattern("WONT_APPLY\\s+type\\s+silent_drop\\s+silent_drop needs a native transport");
    }

    @Test
    void doctorExitsOneWhenAListenPortIsTaken() throws IOException {
        try (ServerSocket held = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path config = dir.resolve("taken.yaml");
            Files.writeString(config, String.join("\n",
                    "proxies:",
                    "  - name: web",
                    "    listen: 127.0.0.1:" + held.getLocalPort(),
                    "    upstream: 127.0.0.1:8080", ""));

            assertThat(synack("doctor", "-c", config.toString())).isEqualTo(Main.PROBLEM);
            assertThat(out.toString()).contains("WONT_APPLY  listen ", "address already in use");
        }
    }

    @Test
    void doctorWarnsOfAnUpstreamNameThatDoesNotResolve() throws IOException {
        Path config = dir.resolve("unresolved.yaml");
        Files.writeString(config, String.join("\n",
                "proxies:",
                "  - name: web",
                "    listen: 127.0.0.1:0",
                "    upstream: nowhere.invalid:8080", ""));

        int status = synack("doctor", "-c", config.toString());
        assertThat(out.toString()).contains("WARNING     upstream ", "nowhere.invalid does not resolve here");
        assertThat(status).as(out.toString()).isEqualTo(Main.OK);
    }

    @Test
    void aMissingConfigFileIsAConfigError() {
        String missing = dir.resolve("nope.yaml").toString();
        assertThat(synack("run", "-c", missing)).isEqualTo(Main.USAGE);
        assertThat(err.toString()).contains(missing + ": no such file");
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        assertThat(synack("frobnicate")).isEqualTo(Main.USAGE);
        assertThat(err.toString()).contains("Unmatched argument at index 0: 'frobnicate'").contains("Usage: synack");
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        assertThat(synack("run", "--bogus")).isEqualTo(Main.USAGE);
        assertThat(err.toString()).contains("Unknown option: '--bogus'").doesNotContain("\tat ");
    }

    @Test
    void noCommandIsAUsageError() {
        assertThat(synack()).isEqualTo(Main.USAGE);
        assertThat(err.toString()).contains("Missing command");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static boolean canBind(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
