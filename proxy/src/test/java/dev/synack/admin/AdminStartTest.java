package dev.synack.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synack.config.AdminSpec;
import dev.synack.config.ConfigException;
import dev.synack.config.HostPort;
import dev.synack.config.ProxySpec;
import dev.synack.testkit.RefusedPort;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How synack starts its admin API: after the proxies bind; an address that cannot be bound is an error of
 * {@code admin.listen} and leaves nothing bound; an address other machines reach without a token is refused
 * before anything binds.
 */
class AdminStartTest {
    @Test
    void anAdminAddressInUseIsAConfigErrorAndNothingStaysBound() throws Exception {
        HostPort proxyPort = RefusedPort.find();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            HostPort admin = new HostPort("127.0.0.1", taken.getLocalPort());
            assertThatThrownBy(() -> LiveAdmin.start(c -> c.withAdmin(new AdminSpec(admin))
                    .withProxies(List.of(ProxySpec.of("web", proxyPort, new HostPort("127.0.0.1", 1))))))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("admin.listen: \"" + admin + "\" (expected: an address synack can bind (address already in use))");
        }
        try (ServerSocket again = new ServerSocket()) {
            again.bind(new InetSocketAddress("127.0.0.1", proxyPort.port()));
            assertThat(again.isBound()).as("the proxy bound before the admin API failed was let go").isTrue();
        }
    }

    @Test
    void anExposedAdminWithoutATokenIsRefusedBeforeAnythingBinds() throws Exception {
        HostPort proxyPort = RefusedPort.find();
        assertThatThrownBy(() -> LiveAdmin.start(c -> c.withAdmin(new AdminSpec(new HostPort("0.0.0.0", 0)))
                .withProxies(List.of(ProxySpec.of("web", proxyPort, new HostPort("127.0.0.1", 1))))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("admin.listen: \"0.0.0.0:0\"")
                .hasMessageContaining("admin.token");
        try (ServerSocket free = new ServerSocket()) {
            free.bind(new InetSocketAddress("127.0.0.1", proxyPort.port()));
        }
    }

    @Test
    void offMeansNoApi() throws Exception {
        try (LiveAdmin live = LiveAdmin.start(c -> c.withAdmin(new AdminSpec(null)))) {
            assertThat(live.synack.adminAddress()).isEmpty();
        }
    }
}
