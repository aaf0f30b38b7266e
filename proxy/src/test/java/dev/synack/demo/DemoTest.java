package dev.synack.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs {@code synack demo --ephemeral} in-process once and checks the report it prints. */
class DemoTest {
    private static final Pattern SECTION = Pattern.compile("(?m)^\\(([a-e])\\) ");

    private static int status;
    private static String report;
    private static final Map<String, String> sections = new LinkedHashMap<>();

    @BeforeAll
    static void runDemo() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        status = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), "demo", "--ephemeral");
        report = out.toString();
        Matcher m = SECTION.matcher(report);
        String label = null;
        int start = 0;
        while (m.find()) {
            if (label != null) {
                sections.put(label, report.substring(start, m.start()));
            }
            label = m.group(1);
            start = m.start();
        }
        if (label != null) {
            sections.put(label, report.substring(start));
        }
    }

    @Test
    void reportsFiveConnectionsAllAsExpected() {
        assertThat(sections).as(report).containsOnlyKeys("a", "b", "c", "d", "e");
        assertThat(report).contains("5 connections, 5 as expected");
        assertThat(status).as(report).isEqualTo(Main.OK);
    }

    @Test
    void eachConnectionEndsWithItsCloseReason() {
        assertThat(row("a", "close reason")).isEqualTo("client_fin");
        assertThat(row("b", "close reason")).isEqualTo("client_fin");
        assertThat(row("c", "close reason")).isEqualTo("client_rst");
        assertThat(row("d", "close reason")).isEqualTo("upstream_unreachable");
        assertThat(row("e", "close reason")).isEqualTo("fault");
        assertThat(row("a", "closed first")).isEqualTo("client");
        assertThat(row("b", "closed first")).isEqualTo("client");
        assertThat(row("c", "closed first")).isEqualTo("client");
    }

    @Test
    void byteCountsAreExact() {
        assertThat(row("a", "bytes")).isEqualTo("client->service " + Scenario.REQUEST.length()
                + ", service->client " + HttpResponder.RESPONSE.length());
        assertThat(row("b", "bytes")).isEqualTo("client->service 65536, service->client 65536");
        assertThat(row("c", "bytes")).isEqualTo("client->service 4096, service->client 0");
        assertThat(row("d", "bytes")).isEqualTo("client->service 0, service->client 0");
        assertThat(row("e", "bytes")).as("both requests; the first response only")
                .isEqualTo("client->service " + 2 * Scenario.REQUEST.length() + ", service->client " + HttpResponder.RESPONSE.length());
    }

    @Test
    void clientsSawWhatTheirScenarioPromises() {
        assertThat(row("a", "client saw")).endsWith("got 200 OK, then closed");
        assertThat(row("b", "client saw")).isEqualTo("wrote 65536 B, read 65536 B, then EOF; all of it came back");
        assertThat(row("c", "client saw")).isEqualTo("wrote 4096 B, read 0 B, then sent RST");
        assertThat(row("d", "client saw")).isEqualTo("wrote 0 B, read 0 B, then reset by synack");
        assertThat(row("e", "client saw")).matches("wrote 136 B, read 107 B, got 200 OK after (\\d+) ms \\(latency 100 ms\\), "
                + "then reset by synack (\\d+) ms after the second GET \\(latency \\+ 50 ms\\)");
    }

    @Test
    void theFaultSceneNamesItsFaults() {
        for (String s : new String[] {"a", "b", "c", "d"}) {
            assertThat(row(s, "faults")).as("section (%s)", s).isEqualTo("none");
        }
        assertThat(row("e", "faults")).isEqualTo("lag (latency, service_to_client), cut (reset_peer, service_to_client)");
    }

    @Test
    void theServicesGotEveryByteTheClientsSent() {
        assertThat(row("a", "service got")).isEqualTo(Scenario.REQUEST.length() + " B");
        assertThat(row("b", "service got")).isEqualTo("65536 B");
        assertThat(row("c", "service got")).isEqualTo("4096 B");
        assertThat(row("d", "service got")).isEqualTo("0 B");
        assertThat(row("e", "service got")).isEqualTo(2 * Scenario.REQUEST.length() + " B");
    }

    @Test
    void everyConnectionPassesItsOwnCheck() {
        for (String s : new String[] {"a", "b", "c", "d", "e"}) {
            assertThat(row(s, "check")).as("section (%s)", s).isEqualTo("as expected");
        }
    }

    @Test
    void showsTheEffectiveOptionsOfBothProxySockets() {
        for (String s : new String[] {"a", "b", "c"}) {
            assertThat(row(s, "downstream")).contains("nodelay=true");
            assertThat(row(s, "upstream")).contains("nodelay=true");
        }
        assertThat(row("d", "upstream")).isEqualTo("(never connected)");
    }

    @Test
    void ephemeralModeUsesNoFixedPort() {
        assertThat(report).doesNotContain(":18001", ":18002", ":18003", ":18004", ":18101", ":18102");
    }

    /** The value of a row of a section's table, such as {@code close reason}. */
    private static String row(String section, String key) {
        assertThat(sections).as(report).containsKey(section);
        Matcher m = Pattern.compile("(?m)^    " + Pattern.quote(key) + " +(.*)$").matcher(sections.get(section));
        assertThat(m.find()).as("row %s in section (%s) of%n%s", key, section, report).isTrue();
        return m.group(1).strip();
    }
}
