package dev.synack.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.config.AdminSpec;
import dev.synack.config.HostPort;
import dev.synack.config.ProxySpec;
import dev.synack.mirror.StepKind;
import dev.synack.testkit.EchoServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's files over HTTP, and the browser rule around them: the page and its files are served to a
 * browser without the token, with a policy that keeps them to their own origin; the API still turns a
 * browser away unless the call is the dashboard's, reads, and names the server (or carries the token); no
 * CORS preflight is ever granted. And the page's files keep to their own rules: the timeline's segments as
 * the mirror declares them, no HTML parsed from data, no file served that is not listed.
 */
class DashboardPagesTest {
    private static final String BROWSER = "User-Agent: Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/156.0.0.0 Safari/537.36";
    private static final String DASHBOARD = BrowserGuard.HEADER + ": 1";

    private EchoServer echo;
    private LiveAdmin live;

    @BeforeEach
    void startEcho() {
        echo = EchoServer.start();
    }

    @AfterEach
    void stop() {
        if (live != null) {
            live.close();
        }
        echo.close();
    }

    private void start(String token) throws Exception {
        live = LiveAdmin.start(c -> c.withAdmin(new AdminSpec(new HostPort("127.0.0.1", 0), token, false))
                .withProxies(List.of(ProxySpec.of("web", new HostPort("127.0.0.1", 0), echo.hostPort()))));
    }

    private String host() {
        return "Host: 127.0.0.1:" + live.address().getPort();
    }

    @Test
    void thePageAndItsFilesAreServedToABrowserWithoutTheToken() throws Exception {
        start("page-test-token");
        RawHttp.Response page = live.call("GET", "/ui", null, BROWSER);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
        assertThat(page.header("Content-Security-Policy")).isEqualTo(DashboardPages.CSP);
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.body()).contains("<script type=\"module\" src=\"/ui/dashboard.js\"></script>");
        assertThat(live.call("GET", "/ui/", null, BROWSER).body()).isEqualTo(page.body());
        for (String file : DashboardPages.FILES) {
            RawHttp.Response r = live.call("GET", "/ui/" + file, null, BROWSER);
            assertThat(r.status()).as(file).isEqualTo(200);
            assertThat(r.header("Content-Type")).as(file).startsWith(file.endsWith(".js") ? "text/javascript"
                    : file.endsWith(".css") ? "text/css" : file.endsWith(".svg") ? "image/svg+xml" : "text/html");
        }
        assertThat(live.call("GET", "/ui/access.json", null, BROWSER).body()).isEqualTo("{\"token_required\":true}");
        RawHttp.Response unknown = live.call("GET", "/ui/pom.xml", null, BROWSER);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("404 page not found\n");
        assertThat(live.call("GET", "/ui/..%2F..%2Fpom.xml", null, BROWSER).status()).isNotEqualTo(200);
        assertThat(live.call("GET", "/synack/health", null, BROWSER, DASHBOARD, host()).status()).as("the data needs the token")
                .isEqualTo(401);
        assertThat(live.call("GET", "/synack/health", null, BROWSER, DASHBOARD, "Host: evil.example",
                "Authorization: Bearer page-test-token").status()).as("and with it, no host rule").isEqualTo(200);
    }

    @Test
    void withoutATokenABrowserIsTurnedAwayUnlessTheCallIsTheDashboardsReading() throws Exception {
        start(null);
        assertThat(live.call("GET", "/ui/access.json", null, BROWSER).body()).isEqualTo("{\"token_required\":false}");
        RawHttp.Response refused = live.call("GET", "/proxies", null, BROWSER, host());
        assertThat(refused.status()).as("Toxiproxy's rule stays").isEqualTo(403);
        assertThat(refused.body()).isEqualTo("User agent not allowed\n");
        assertThat(live.call("GET", "/proxies", null, BROWSER, DASHBOARD, host()).status()).isEqualTo(200);
        int port = live.address().getPort();
        assertThat(live.call("GET", "/synack/connections", null, BROWSER, DASHBOARD, "Host: localhost:" + port).status())
                .isEqualTo(200);
        assertThat(live.call("GET", "/proxies", null, BROWSER, DASHBOARD, "Host: rebound.example:" + port).status())
                .as("a DNS-rebinding page names its own host").isEqualTo(403);
        assertThat(live.call("DELETE", "/proxies/web", null, BROWSER, DASHBOARD, host()).status())
                .as("the dashboard only reads").isEqualTo(403);
        assertThat(live.call("POST", "/proxies/web/toxics", "{\"type\":\"latency\"}", BROWSER, DASHBOARD, host()).status())
                .isEqualTo(403);
        assertThat(live.call("GET", "/proxies/web", null).status()).as("still there").isEqualTo(200);

        RawHttp.Response preflight = live.call("OPTIONS", "/proxies/web", null, BROWSER, "Origin: http://evil.example",
                "Access-Control-Request-Method: DELETE", "Access-Control-Request-Headers: x-synack-dashboard", host());
        assertThat(preflight.status()).isEqualTo(405);
        assertThat(preflight.headers().keySet()).as("no CORS granted").noneMatch(h -> h.startsWith("access-control-"));
    }

    @Test
    void theTimelinesSegmentsAreTheMirrorsOwn() {
        String js = new String(DashboardPages.read("sequence.js"), StandardCharsets.UTF_8);
        for (StepKind k : StepKind.values()) {
            String entry = "  " + k.key() + ": [" + quoted(k.in()) + ", " + quoted(k.out()) + "],";
            assertThat(js).as(k.name()).contains(entry);
        }
        assertThat(Pattern.compile("^  [a-z_]+: \\[", Pattern.MULTILINE).matcher(js).results().count())
                .as("and no event the mirror does not have").isEqualTo(StepKind.values().length);
    }

    private static String quoted(String s) {
        return s == null ? "null" : "'" + s + "'";
    }

    @Test
    void thePageNeverParsesDataAsHtmlAndServesOnlyWhatItLists() throws Exception {
        for (String file : DashboardPages.FILES) {
            String text = new String(DashboardPages.read(file), StandardCharsets.UTF_8);
            for (String sink : List.of("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function")) {
                assertThat(text).as(file + " uses " + sink).doesNotContain(sink);
            }
            assertThat(text).as(file + ": no inline style (the policy forbids it)").doesNotContain(" style=");
        }
        String html = new String(DashboardPages.read("index.html"), StandardCharsets.UTF_8);
        assertThat(Pattern.compile("<script(?![^>]*\\ssrc=)").matcher(html).find()).as("no inline script").isFalse();
        Path dir = Path.of(DashboardPages.class.getResource("/ui/index.html").toURI()).getParent();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactlyInAnyOrderElementsOf(DashboardPages.FILES);
        }
    }
}
