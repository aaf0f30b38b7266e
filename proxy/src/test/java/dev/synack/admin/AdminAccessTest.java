package dev.synack.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.synack.admin.AdminAccess.Decision;
import dev.synack.config.AdminSpec;
import dev.synack.config.HostPort;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Who may use the admin API: loopback by default, a token required wherever one is set, and a bind other
 * machines could reach refused unless a token or {@code insecure} is given. The decision is tested on
 * addresses (no packet leaves loopback); the token over real requests.
 */
class AdminAccessTest {
    private static final String TOKEN = "0123456789abcdef-token";
    private static final String UNAUTHORIZED = "{\"error\":\"missing or invalid bearer token\",\"status\":401}\n";

    @Test
    void loopbackNeedsNothingAndEveryOtherBindNeedsATokenOrInsecure() throws IOException {
        for (String loopback : new String[] {"127.0.0.1", "127.0.0.2", "127.255.255.254", "::1", "localhost"}) {
            assertThat(AdminAccess.decide(InetAddress.getByName(loopback), null, false)).as(loopback).isEqualTo(Decision.LOOPBACK);
        }
        for (String other : new String[] {"0.0.0.0", "::", "10.1.2.3", "192.168.0.10", "2001:db8::1"}) {
            InetAddress a = InetAddress.getByName(other);
            assertThat(AdminAccess.decide(a, null, false)).as(other).isEqualTo(Decision.REFUSED);
            assertThat(AdminAccess.decide(a, null, true)).as(other).isEqualTo(Decision.INSECURE);
            assertThat(AdminAccess.decide(a, TOKEN, false)).as(other).isEqualTo(Decision.TOKEN);
        }
        assertThat(AdminAccess.decide(InetAddress.getLoopbackAddress(), TOKEN, true)).isEqualTo(Decision.TOKEN);
    }

    @Test
    void settingsComeFromTheConfigsAdminBlock() {
        AdminSettings s = AdminSettings.from(new AdminSpec(new HostPort("0.0.0.0", 8474), TOKEN, true), "1.2.3");
        assertThat(List.of(s.host(), s.port(), s.token(), s.insecure(), s.version())).containsExactly("0.0.0.0", 8474, TOKEN, true, "1.2.3");
        assertThat(s.maxBodyBytes()).isEqualTo(1 << 20);
        assertThat(AdminSettings.from(AdminSpec.DEFAULT, "v").token()).isNull();
        assertThatThrownBy(() -> AdminSettings.from(new AdminSpec(null), "v")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theTokenIsComparedExactly() {
        assertThat(AdminAccess.authorized("Bearer " + TOKEN, TOKEN)).isTrue();
        assertThat(AdminAccess.authorized("bearer " + TOKEN, TOKEN)).isTrue();
        assertThat(AdminAccess.authorized("Bearer " + TOKEN + "x", TOKEN)).isFalse();
        assertThat(AdminAccess.authorized("Bearer " + TOKEN.substring(1), TOKEN)).isFalse();
        assertThat(AdminAccess.authorized("Basic " + TOKEN, TOKEN)).isFalse();
        assertThat(AdminAccess.authorized(TOKEN, TOKEN)).isFalse();
        assertThat(AdminAccess.authorized(null, TOKEN)).isFalse();
        assertThat(AdminAccess.authorized("Bearer ", TOKEN)).isFalse();
        assertThat(AdminAccess.authorized(null, null)).as("no token configured").isTrue();
    }

    @Test
    void aServerThatOtherMachinesCouldReachIsRefusedWithoutATokenAndBindsNothing() {
        assertThatThrownBy(() -> AdminServer.start(AdminSettings.of("0.0.0.0", 0, "v"), new FakeBackend()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the admin API on 0.0.0.0:0 would be reachable from other machines: set admin.token, "
                        + "or admin.insecure: true on a trusted network");
    }

    @Test
    void insecureOnTheWildcardServesIsReachedOverLoopbackAndIsWarnedAbout() throws IOException {
        Logger logger = (Logger) LoggerFactory.getLogger(AdminServer.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        try (AdminServer server = AdminServer.start(AdminSettings.of("0.0.0.0", 0, "v").withInsecure(true), new FakeBackend())) {
            InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.address().getPort());
            assertThat(RawHttp.send(loopback, "GET", "/proxies", null).status()).isEqualTo(200);
            assertThat(logged.list).anySatisfy(e -> {
                assertThat(e.getLevel()).isEqualTo(Level.WARN);
                assertThat(e.getFormattedMessage()).isEqualTo("admin API on [::]:" + server.address().getPort()
                        + " without a token (admin.insecure: true): anyone who can reach this address can create proxies "
                        + "and inject faults; use it only on a trusted test network");
            });
        } finally {
            logger.detachAppender(logged);
        }
    }

    @Test
    void aConfiguredTokenIsRequiredOnEveryRouteButVersion() throws IOException {
        try (AdminFixture admin = new AdminFixture(s -> s.withToken(TOKEN))) {
            RawHttp.Response none = admin.call("GET", "/proxies", null);
            assertThat(none.status()).isEqualTo(401);
            assertThat(none.body()).isEqualTo(UNAUTHORIZED);
            assertThat(none.header("WWW-Authenticate")).isEqualTo("Bearer");
            assertThat(admin.call("POST", "/proxies", "{}", "Authorization: Bearer wrong").body()).isEqualTo(UNAUTHORIZED);
            assertThat(admin.call("GET", "/nope", null).status()).as("no route is revealed without the token").isEqualTo(401);
            assertThat(admin.call("GET", "/proxies", null, "Authorization: Bearer " + TOKEN).status()).isEqualTo(200);
            assertThat(admin.call("GET", "/version", null).status()).as("readiness probes need no token").isEqualTo(200);
            assertThat(admin.call("POST", "/version", null).status()).isEqualTo(401);
        }
    }
}
