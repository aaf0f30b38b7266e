package dev.synack.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synack.config.AdminSpec;
import dev.synack.config.HostPort;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code toxiproxy-server}'s flags in Go's syntax, as Testcontainers and users pass them. */
class AdminToxiproxyFlagsTest {
    private static ToxiproxyFlags parse(String... args) throws ToxiproxyFlagParser.FlagException {
        return ToxiproxyFlagParser.parse(List.of(args));
    }

    private static void assertFails(String message, String... args) {
        assertThatThrownBy(() -> parse(args)).isInstanceOf(ToxiproxyFlagParser.FlagException.class).hasMessage(message);
    }

    @Test
    void noFlagsAreToxiproxysDefaults() throws Exception {
        assertThat(parse()).isEqualTo(new ToxiproxyFlags("localhost", 8474, null, null, false, false, false, false));
    }

    @Test
    void everySpellingGoAccepts() throws Exception {
        ToxiproxyFlags expected = new ToxiproxyFlags("0.0.0.0", 9000, Path.of("/tmp/tc.json"), 42L, true, false, false, false);
        assertThat(parse("-host=0.0.0.0", "-port=9000", "-config=/tmp/tc.json", "-seed=42", "-proxy-metrics")).isEqualTo(expected);
        assertThat(parse("--host", "0.0.0.0", "--port", "9000", "--config", "/tmp/tc.json", "--seed", "42", "--proxy-metrics=true"))
                .isEqualTo(expected);
        assertThat(parse("-host", "0.0.0.0", "-port", "9000", "-config", "/tmp/tc.json", "-seed", "42", "-proxy-metrics=1",
                "-runtime-metrics=false")).isEqualTo(expected);
    }

    @Test
    void testcontainersGoCommandLine() throws Exception {
        ToxiproxyFlags f = parse("-host=0.0.0.0", "-config=/tmp/tc-toxiproxy.json");
        assertThat(f.host()).isEqualTo("0.0.0.0");
        assertThat(f.port()).isEqualTo(8474);
        assertThat(f.config()).isEqualTo(Path.of("/tmp/tc-toxiproxy.json"));
    }

    @Test
    void theAdminBlockTheyStandFor() throws Exception {
        assertThat(parse("-host=0.0.0.0", "-insecure").admin()).isEqualTo(new AdminSpec(new HostPort("0.0.0.0", 8474), null, true));
        assertThat(parse("-runtime-metrics").metrics()).isTrue();
        assertThat(parse().metrics()).isFalse();
        assertThat(parse("-version").version()).isTrue();
    }

    @Test
    void theLastOfARepeatedFlagWinsAndDashDashEndsTheFlags() throws Exception {
        assertThat(parse("-port=1", "-port=2", "--").port()).isEqualTo(2);
    }

    @Test
    void mistakesAreWordedAsGoWordsThem() {
        assertFails("flag provided but not defined: -hots", "-hots=0.0.0.0");
        assertFails("flag needs an argument: -config", "-config");
        assertFails("invalid boolean value \"yes\" for -proxy-metrics: parse error", "-proxy-metrics=yes");
        assertFails("invalid value \"http\" for flag -port: expected a port from 0 to 65535", "-port", "http");
        assertFails("invalid value \"70000\" for flag -port: expected a port from 0 to 65535", "-port=70000");
        assertFails("invalid value \"soon\" for flag -seed: parse error", "-seed=soon");
        assertFails("unexpected argument: extra", "-host=x", "extra");
        assertFails("unexpected argument: x", "--", "x");
        assertThatThrownBy(() -> parse("-h")).hasMessageStartingWith("usage: synack [-host HOST]");
    }

    @Test
    void runTakesTheFlagsAndSynackAloneMeansRun() {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        java.io.PrintWriter o = new java.io.PrintWriter(out, true);
        java.io.PrintWriter e = new java.io.PrintWriter(err, true);
        assertThat(Main.execute(o, e, "-host=0.0.0.0", "-port", "http")).isEqualTo(Main.USAGE);
        assertThat(err.toString()).startsWith("invalid value \"http\" for flag -port: expected a port from 0 to 65535\n")
                .contains("Usage: synack run");
        assertThat(Main.execute(o, e, "run", "-host=0.0.0.0")).as("-host is not -h: no help, no exit 0").isEqualTo(Main.USAGE);
        assertThat(out.toString()).isEmpty();
        assertThat(ToxiproxyMode.withRun(new String[] {"-config=/tmp/x.json"})).containsExactly("run", "-config=/tmp/x.json");
        assertThat(ToxiproxyMode.withRun(new String[] {"list"})).containsExactly("list");
        assertThat(ToxiproxyMode.withRun(new String[] {"--help"})).containsExactly("--help");
        assertThat(ToxiproxyMode.withRun(new String[] {"-version"})).containsExactly("--version");
    }

    @Test
    void recognisesItsFlagsAmongOtherArguments() {
        assertThat(List.of("-host=0.0.0.0", "--port", "-config=x", "-seed", "-proxy-metrics", "--runtime-metrics=false", "-insecure"))
                .allMatch(ToxiproxyFlagParser::isFlag);
        assertThat(List.of("-c", "--config-x", "run", "-", "--", "---host", "-h")).noneMatch(ToxiproxyFlagParser::isFlag);
    }
}
