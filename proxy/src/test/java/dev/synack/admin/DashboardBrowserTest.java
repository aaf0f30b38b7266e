package dev.synack.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.synack.config.AdminSpec;
import dev.synack.config.FaultStream;
import dev.synack.config.HostPort;
import dev.synack.config.MirrorSpec;
import dev.synack.config.ProxySpec;
import dev.synack.config.SynackConfig;
import dev.synack.testkit.EchoServer;
import dev.synack.testkit.FaultSpecs;
import dev.synack.testkit.TestSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The dashboard in a real browser (Debian's headless chromium): it loads without a console error, shows a
 * connection the test opened with both sockets' states and its proxy's fault, draws the connection's timeline,
 * shows user-chosen names as text (never as HTML), and follows the connection as it closes; with a token
 * configured it asks for it first and works once it is entered. One browser serves every test: its start is
 * most of the time.
 */
class DashboardBrowserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A proxy and a toxic named by someone who hopes the page renders names as HTML. */
    private static final String HOSTILE_PROXY = "<b id=\"bold\">web&amp;<i>";
    private static final String HOSTILE_TOXIC = "\"><img id=\"pwn\" src=x onerror=\"window.pwned=1\">";
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private static HeadlessChromium chromium;
    private EchoServer echo;
    private LiveAdmin live;

    @BeforeAll
    static void startBrowser() throws Exception {
        HeadlessChromium.missing().ifPresent(why -> Assumptions.abort(why));
        chromium = HeadlessChromium.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @BeforeEach
    void startEcho() {
        echo = EchoServer.start();
    }

    @AfterEach
    void stop() {
        // Leave the page before its server goes: a page left polling a closed admin API logs "connection
        // refused" into the console the next test reads. Then drop what this test's page logged.
        chromium.driver.get("about:blank");
        chromium.consoleErrors();
        if (live != null) {
            live.close();
        }
        echo.close();
    }

    private void start(UnaryOperator<SynackConfig> tune) throws Exception {
        ProxySpec web = ProxySpec.of("web", new HostPort("127.0.0.1", 0), echo.hostPort())
                .withFaults(List.of(FaultSpecs.named("lag", "latency", FaultStream.DOWNSTREAM, Map.of("latency", 5))));
        live = LiveAdmin.start(c -> tune.apply(c.withProxies(List.of(web))));
    }

    private String url(String path) {
        return "http://127.0.0.1:" + live.address().getPort() + path;
    }

    private long connectionId(String... headers) throws Exception {
        JsonNode list = JSON.readTree(live.call("GET", "/synack/connections", null, headers).body()).get("connections");
        assertThat(list).hasSize(1);
        return list.get(0).get("id").asLong();
    }

    /** The text of the first element matching a CSS selector, or null; read in one go, as the page re-renders. */
    private static String text(String selector) {
        return (String) chromium.driver.executeScript(
                "const e = document.querySelector(arguments[0]); return e ? e.textContent : null;", selector);
    }

    private static boolean shown(String id) {
        return (Boolean) chromium.driver.executeScript(
                "const e = document.getElementById(arguments[0]); return !!e && !e.hidden && e.offsetParent !== null;", id);
    }

    /** Clicks what {@code by} finds, again if the page redrew it between the find and the click (it refreshes). */
    private void click(String what, By by) {
        until(what, () -> {
            chromium.driver.findElement(by).click();
            return true;
        });
    }

    private static void until(String what, Callable<Boolean> condition) {
        await(what).atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(condition);
    }

    @Test
    void showsAConnectionItsFaultAndTimelineAndFollowsItAsItCloses() throws Exception {
        start(c -> c.withMirror(MirrorSpec.DEFAULT.withEnabled(true)));
        String hostile = JSON.createObjectNode().put("name", HOSTILE_PROXY).put("listen", "127.0.0.1:0")
                .put("upstream", echo.hostPort().toString()).toString();
        assertThat(live.call("POST", "/proxies", hostile).status()).isEqualTo(201);
        String toxic = JSON.createObjectNode().put("name", HOSTILE_TOXIC).put("type", "latency").put("stream", "upstream")
                .toString();
        assertThat(live.call("POST", "/proxies/" + java.net.URLEncoder.encode(HOSTILE_PROXY, "UTF-8").replace("+", "%20")
                + "/toxics", toxic).status()).isEqualTo(200);

        try (TestSocket client = TestSocket.connect(live.synack.address("web"))) {
            assertThat(client.roundTrip("hello through the dashboard")).isEqualTo("hello through the dashboard");
            long id = connectionId();
            String row = row(id);

            chromium.driver.get(url("/ui?interval=300"));
            until("the open connection with both sockets ESTABLISHED", () -> {
                String r = text(row);
                return r != null && r.contains("ESTABLISHED / ESTABLISHED") && r.endsWith("open");
            });
            String proxies = text("#proxies-body");
            assertThat(proxies).contains("web").contains("lag").contains("latency").contains("latency=5");
            assertThat(proxies).as("user-chosen names are shown as text").contains(HOSTILE_PROXY).contains(HOSTILE_TOXIC);
            assertThat(chromium.driver.findElements(By.cssSelector("#bold, #pwn"))).as("and never parsed as HTML").isEmpty();
            assertThat(chromium.driver.executeScript("return window.pwned === undefined")).isEqualTo(true);

            click("the connection's timeline button", By.cssSelector(row + " button"));
            until("the connection's sequence diagram", () -> text("#timeline-diagram svg.sequence") != null
                    && text("#timeline-diagram svg.sequence").contains("SYN+ACK"));
            assertThat(text("#timeline-text")).as("the text diagram too").contains("connection #" + id + " on proxy web");
            until("the charts drawn from samples", () -> text("#chart-states").contains("ESTABLISHED")
                    && !chromium.driver.findElements(By.cssSelector("#chart-connections polyline")).isEmpty());
            click("the proxy's summary", By.xpath("//article[.//span[@class='proxy-name' and text()='web']]//summary"));
            until("the proxy's socket options, its connection's included",
                    () -> text("#proxies-body table.options").contains("downstream socket of connection " + id));
            assertThat(text("#divergences-body")).contains("none");
            chromium.screenshot("dashboard-open");
        }

        until("the connection shown closed, with its close reason", () -> text("tr.closed") != null
                && text("tr.closed").contains("closed: client_fin"));
        until("the timeline following it to the fd's close", () -> text("#timeline-diagram").contains("fd closed"));
        chromium.screenshot("dashboard-closed");
        assertThat(chromium.consoleErrors()).as("the browser's console").isEmpty();
    }

    @Test
    void withATokenItAsksForItAndWorksOnceItIsEntered() throws Exception {
        String token = "dashboard-test-token";
        start(c -> c.withAdmin(new AdminSpec(new HostPort("127.0.0.1", 0), token, false)));
        String row;
        try (TestSocket client = TestSocket.connect(live.synack.address("web"))) {
            assertThat(client.roundTrip("hello")).isEqualTo("hello");
            row = row(connectionId("Authorization: Bearer " + token));

            chromium.driver.get(url("/ui?interval=300"));
            until("the token form", () -> shown("token-form"));
            assertThat(text(row)).as("nothing read without the token").isNull();
            assertThat(chromium.consoleErrors()).as("no call made that would fail").isEmpty();

            chromium.driver.findElement(By.id("token")).sendKeys(token);
            chromium.driver.findElement(By.id("token-use")).click();
            until("the connection, read with the token", () -> text(row) != null && text(row).contains("fd open"));
            assertThat(shown("token-form")).isFalse();
            assertThat(shown("mirror-off")).as("says the mirror is off").isTrue();
            assertThat(text("#proxies-body")).contains("lag");
            assertThat(text("#divergences-body")).contains("the mirror is off");
        }
        until("the connection gone once closed", () -> text(row) == null && text("#connections-body").contains("no connections"));
        assertThat(chromium.consoleErrors()).as("the browser's console").isEmpty();
    }

    private static String row(long id) {
        return "tr[data-connection='" + id + "']";
    }
}
