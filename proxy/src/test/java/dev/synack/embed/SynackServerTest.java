package dev.synack.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synack.testkit.EchoServer;
import dev.synack.testkit.TestSocket;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** synack in-process: a proxy and its faults made in code act on real connections; mistakes say the API's words. */
class SynackServerTest {
    @Test
    void aProxyAndItsFaultsMadeInCode() throws Exception {
        try (EchoServer echo = EchoServer.start(); SynackServer synack = SynackServer.start()) {
            assertThat(synack.adminAddress()).as("no admin API unless asked").isEmpty();
            SynackProxy p = synack.proxy("echo", echo.hostPort().toString());
            assertThat(p.host()).isEqualTo("127.0.0.1");
            try (TestSocket s = TestSocket.connect(p.address())) {
                assertThat(s.roundTrip("a")).isEqualTo("a");
                assertThat(p.connections()).isEqualTo(1);
                String lag = p.fault("latency", "upstream", Map.of("latency", 250));
                assertThat(lag).isEqualTo("latency_upstream");
                long t0 = System.nanoTime();
                assertThat(s.roundTrip("b")).isEqualTo("b");
                assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isBetween(250L, 10_000L);
                p.updateFault(lag, Map.of("latency", 0));
                synack.reset();
                assertThat(synack.synack().registry().get("echo").orElseThrow().faults()).isEmpty();
            }
            assertThatThrownBy(() -> p.fault("lag", "downstream", Map.of())).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("invalid toxic type (400)");
            assertThatThrownBy(() -> p.fault("latency", "sideways", Map.of())).hasMessageContaining("upstream or downstream");
            assertThatThrownBy(() -> p.latency(-1)).hasMessageStartingWith("invalid attribute: attributes.latency: -1");
            assertThatThrownBy(() -> synack.proxy("echo", "x:1")).hasMessage("proxy already exists (409)");
            synack.remove("echo");
            assertThatThrownBy(() -> synack.proxy("echo")).hasMessage("no proxy named echo");
        }
    }
}
