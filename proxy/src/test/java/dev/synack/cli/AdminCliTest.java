package dev.synack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.admin.AdminFixture;
import dev.synack.testkit.RefusedPort;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client commands against an admin server (port 0, fake backend) in this JVM: their output and exit status. */
class AdminCliTest {
    private AdminFixture admin;
    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void start() throws IOException {
        admin = new AdminFixture();
    }

    @AfterEach
    void stop() {
        admin.close();
    }

    private int synack(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        int at = all.get(0).equals("toxic") ? 2 : 1;
        all.addAll(at, List.of("--admin", admin.url()));
        return Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
    }

    @Test
    void createListInspectToggleAndDelete() {
        assertThat(synack("list")).isZero();
        assertThat(out.toString()).isEqualTo("no proxies\n");
        assertThat(synack("create", "redis", "-l", "127.0.0.1:0", "-u", "localhost:6379")).isZero();
        assertThat(out.toString()).isEqualTo("created proxy redis: 127.0.0.1:20000 -> localhost:6379\n");
        synack("create", "db", "--listen", "localhost:15432", "--upstream", "db.internal:5432");

        assertThat(synack("list")).isZero();
        assertThat(out.toString()).isEqualTo("""
                NAME   LISTEN           UPSTREAM          ENABLED  TOXICS
                db     127.0.0.1:15432  db.internal:5432  yes      0
                redis  127.0.0.1:20000  localhost:6379    yes      0
                """);

        assertThat(synack("toggle", "redis")).isZero();
        assertThat(out.toString()).isEqualTo("proxy redis is now disabled\n");
        assertThat(synack("tog", "redis")).isZero();
        assertThat(out.toString()).isEqualTo("proxy redis is now enabled\n");

        assertThat(synack("delete", "db")).isZero();
        assertThat(out.toString()).isEqualTo("deleted proxy db\n");
        synack("ls");
        assertThat(out.toString()).doesNotContain("db ");
    }

    @Test
    void toxicsAreAddedShownUpdatedAndRemoved() {
        synack("create", "redis", "-l", "127.0.0.1:0", "-u", "localhost:6379");
        assertThat(synack("toxic", "add", "redis", "-t", "latency", "-a", "latency=100", "-a", "jitter=10")).isZero();
        assertThat(out.toString()).isEqualTo("added downstream latency toxic latency_downstream (toxicity 1, latency=100 jitter=10) to proxy redis\n");
        assertThat(synack("toxic", "add", "redis", "-t", "bandwidth", "-n", "cut", "-u", "--tox", "0.5", "-a", "rate=0")).isZero();
        assertThat(synack("toxic", "a", "redis", "-t", "noop", "-s", "upstream")).isZero();

        assertThat(synack("inspect", "redis")).isZero();
        assertThat(out.toString()).isEqualTo("""
                redis: 127.0.0.1:20000 -> localhost:6379 (enabled)
                upstream toxics (client -> service):
                  cut            bandwidth  toxicity 0.5  rate=0
                  noop_upstream  noop       toxicity 1
                downstream toxics (service -> client):
                  latency_downstream  latency  toxicity 1  latency=100 jitter=10
                """);

        assertThat(synack("toxic", "update", "redis", "-n", "latency_downstream", "-a", "latency=250")).isZero();
        assertThat(out.toString()).isEqualTo("updated downstream latency toxic latency_downstream (toxicity 1, latency=250 jitter=10) of proxy redis\n");
        assertThat(synack("toxic", "update", "redis", "-n", "cut", "--tox", "0.25")).isZero();
        assertThat(out.toString()).as("attributes not given keep their values").contains("(toxicity 0.25, rate=0)");

        assertThat(synack("toxic", "remove", "redis", "-n", "cut")).isZero();
        assertThat(out.toString()).isEqualTo("removed toxic cut from proxy redis\n");
        assertThat(synack("reset")).isZero();
        assertThat(out.toString()).isEqualTo("reset: every proxy enabled, every toxic removed\n");
        synack("list");
        assertThat(out.toString()).contains("redis  127.0.0.1:20000  localhost:6379  yes      0");
    }

    @Test
    void jsonPrintsTheApisOwnBody() {
        synack("create", "redis", "-l", "127.0.0.1:0", "-u", "localhost:6379", "--json");
        assertThat(out.toString()).isEqualTo("{\"name\":\"redis\",\"listen\":\"127.0.0.1:20000\",\"upstream\":\"localhost:6379\","
                + "\"enabled\":true,\"Logger\":{},\"toxics\":[]}\n");
        synack("list", "--json");
        assertThat(out.toString()).startsWith("{\"redis\":{\"name\":\"redis\"");
        synack("toxic", "add", "redis", "-t", "timeout", "--json");
        assertThat(out.toString()).isEqualTo("{\"attributes\":{\"timeout\":0},\"name\":\"timeout_downstream\",\"type\":\"timeout\","
                + "\"stream\":\"downstream\",\"toxicity\":1}\n");
        assertThat(synack("delete", "redis", "--json")).isZero();
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void anApiErrorPrintsItsTextAndExitsOne() {
        assertThat(synack("inspect", "nope")).isEqualTo(Main.PROBLEM);
        assertThat(err.toString()).isEqualTo("synack: proxy not found (HTTP 404)\n");
        synack("create", "redis", "-l", "127.0.0.1:0", "-u", "localhost:6379");
        assertThat(synack("create", "redis", "-l", "127.0.0.1:0", "-u", "localhost:6379")).isEqualTo(Main.PROBLEM);
        assertThat(err.toString()).isEqualTo("synack: proxy already exists (HTTP 409)\n");
        assertThat(synack("toxic", "add", "redis", "-t", "warp")).isEqualTo(Main.PROBLEM);
        assertThat(err.toString()).isEqualTo("synack: invalid toxic type (HTTP 400)\n");
        assertThat(synack("toxic", "remove", "redis", "-n", "nope")).isEqualTo(Main.PROBLEM);
        assertThat(err.toString()).isEqualTo("synack: toxic not found (HTTP 404)\n");
    }

    @Test
    void aServerThatIsDownIsOneClearLineAndExitOne() throws IOException {
        String url = "http://127.0.0.1:" + RefusedPort.find().port();
        out = new StringWriter();
        err = new StringWriter();
        int status = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), "list", "--admin", url);
        assertThat(status).isEqualTo(Main.PROBLEM);
        assertThat(err.toString()).isEqualTo("synack: cannot reach the admin API at " + url + "/ (connection refused); is synack running?\n");
    }

    @Test
    void badArgumentsAreUsageErrors() {
        synack("create", "redis", "-l", "127.0.0.1:0", "-u", "localhost:6379");
        assertThat(synack("toxic", "add", "redis", "-t", "latency", "--tox", "1.5")).isEqualTo(Main.USAGE);
        assertThat(err.toString()).contains("--toxicity 1.5: expected a number from 0 to 1");
        assertThat(synack("toxic", "add", "redis", "-t", "latency", "-u", "-d")).isEqualTo(Main.USAGE);
        assertThat(synack("toxic", "add", "redis", "-t", "latency", "-a", "latency")).isEqualTo(Main.USAGE);
        assertThat(err.toString()).contains("-a latency: expected key=value, like latency=100");
        assertThat(synack("create", "x", "-l", "127.0.0.1:0")).isEqualTo(Main.USAGE);
        assertThat(err.toString()).contains("Missing required option: '--upstream=HOST:PORT'");
    }

    @Test
    void theUrlComesFromTheOptionThenTheEnvironment() {
        assertThat(AdminOptions.url("http://a:1", Map.of("SYNACK_URL", "http://b:2"))).isEqualTo("http://a:1");
        assertThat(AdminOptions.url(null, Map.of("SYNACK_URL", "http://b:2", "TOXIPROXY_URL", "http://c:3"))).isEqualTo("http://b:2");
        assertThat(AdminOptions.url(null, Map.of("TOXIPROXY_URL", "http://c:3"))).isEqualTo("http://c:3");
        assertThat(AdminOptions.url(null, Map.of())).isEqualTo("http://127.0.0.1:8474");
    }
}
