package dev.synack.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which requests {@link BrowserGuard} lets through: Toxiproxy's browser rule, and the dashboard's way past it. */
class BrowserGuardTest {
    private static final String FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

    private static ApiRequest request(String method, String userAgent, String host, String dashboard) {
        return new ApiRequest(method, "/proxies", List.of("proxies"), userAgent, null, host, dashboard, new byte[0]);
    }

    @Test
    void clientsThatAreNoBrowserPassAsInToxiproxy() {
        BrowserGuard guard = new BrowserGuard("127.0.0.1", false);
        assertThat(guard.allows(request("POST", null, null, null))).isTrue();
        assertThat(guard.allows(request("POST", "curl/8.5.0", "evil.example", null))).isTrue();
        assertThat(guard.allows(request("GET", "toxiproxy-cli", null, null))).isTrue();
    }

    @Test
    void aBrowserPassesOnlyAsTheDashboardReading() {
        BrowserGuard guard = new BrowserGuard("127.0.0.1", false);
        assertThat(guard.allows(request("GET", FIREFOX, "127.0.0.1:8474", null))).as("Toxiproxy's rule").isFalse();
        assertThat(guard.allows(request("GET", FIREFOX, "127.0.0.1:8474", "1"))).isTrue();
        assertThat(guard.allows(request("POST", FIREFOX, "127.0.0.1:8474", "1"))).as("the dashboard only reads").isFalse();
        assertThat(guard.allows(request("DELETE", FIREFOX, "127.0.0.1:8474", "1"))).isFalse();
    }

    @Test
    void withoutATokenTheDashboardMustNameTheServerAsNoRebindingPageCan() {
        BrowserGuard guard = new BrowserGuard("synack.internal", false);
        for (String host : List.of("127.0.0.1:8474", "127.0.0.1", "10.1.2.3:8474", "[::1]:8474", "localhost:8474",
                "LOCALHOST", "synack.internal:8474", "Synack.Internal")) {
            assertThat(guard.namesThisServer(host)).as(host).isTrue();
        }
        for (String host : List.of("evil.example:8474", "127.0.0.1.evil.example", "localhost.evil.example:8474", "", "[::1")) {
            assertThat(guard.namesThisServer(host)).as(host).isFalse();
        }
        assertThat(guard.namesThisServer(null)).isFalse();
        assertThat(guard.allows(request("GET", FIREFOX, "evil.example:8474", "1"))).isFalse();
    }

    @Test
    void withATokenTheHostRuleIsNotNeeded() {
        BrowserGuard guard = new BrowserGuard("0.0.0.0", true);
        assertThat(guard.allows(request("GET", FIREFOX, "synack.example.com:8474", "1"))).isTrue();
        assertThat(guard.allows(request("GET", FIREFOX, "synack.example.com:8474", null))).isFalse();
    }
}
