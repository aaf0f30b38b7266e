package dev.synack.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synack.app.Synack;
import dev.synack.config.HostPort;
import dev.synack.config.ProxySpec;
import dev.synack.net.Transport;
import dev.synack.observe.CloseReason;
import dev.synack.proxy.ProxyRegistry;
import dev.synack.proxy.ProxyServer;
import dev.synack.proxy.RegistryException;
import dev.synack.testkit.EachTransport;
import dev.synack.testkit.EchoServer;
import dev.synack.testkit.Ending;
import dev.synack.testkit.EventsOnFailure;
import dev.synack.testkit.RunningProxy;
import dev.synack.testkit.TestConfigs;
import dev.synack.testkit.TestSocket;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The live proxy set on real sockets: a proxy added while synack runs serves at once; an update sends
 * new connections to the new upstream while a live one stays on the old; disable closes the listener
 * (the kernel refuses new clients) and leaves live connections alone unless asked to reset them;
 * enable binds the same port again; remove stops the listener; every refusal names its kind.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(EventsOnFailure.class)
class ProxyRegistryTest {

    @EachTransport
    void addUpdateDisableEnableRemove(Transport transport) throws Exception {
        try (EchoServer first = EchoServer.start();
             EchoServer second = EchoServer.start();
             RunningProxy proxy = RunningProxy.start(TestConfigs.proxy(transport, first.hostPort()))) {
            ProxyRegistry registry = proxy.synack().registry();
            ProxySpec spec = TestConfigs.proxy(transport, first.hostPort()).spec();
            ProxySpec extra = rename(spec, "extra");

            ProxyServer added = registry.add(extra, true);
            InetSocketAddress address = added.address();
            try (TestSocket c = TestSocket.connect(address)) {
                assertThat(c.roundTrip("via the added proxy")).isEqualTo("via the added proxy");
            }

            TestSocket old = TestSocket.connect(address);
            assertThat(old.roundTrip("before")).isEqualTo("before");
            registry.update(withUpstream(extra, second.hostPort()));
            try (TestSocket c = TestSocket.connect(address)) {
                assertThat(c.roundTrip("after")).isEqualTo("after");
            }
            assertThat(first.acceptedCount()).as("connections the first service got").isEqualTo(2);
            assertThat(second.acceptedCount()).as("connections the second service got").isEqualTo(1);
            assertThat(old.roundTrip("old one still on the first")).isEqualTo("old one still on the first");

            registry.disable("extra", false);
            assertThat(added.isListening()).isFalse();
            assertRefused(address);
            assertThat(old.roundTrip("a live connection outlives disable")).isEqualTo("a live connection outlives disable");

            registry.enable("extra");
            assertThat(added.address()).isEqualTo(address);
            try (TestSocket c = TestSocket.connect(address)) {
                assertThat(c.roundTrip("enabled again, same port")).isEqualTo("enabled again, same port");
            }

            registry.disable("extra", true);
            assertThat(old.readToEnd().ending()).as("disable with reset: the live client").isEqualTo(Ending.RESET);
            assertThat(proxy.observer().awaitSummary(s -> s.proxy().equals("extra") && s.reason() == CloseReason.PROXY_DISABLED))
                    .isNotNull();

            registry.remove("extra", false);
            assertThat(registry.get("extra")).isEmpty();
            assertThat(registry.list()).extracting(ProxyServer::name).containsExactly(TestConfigs.PROXY);
        }
    }

    @EachTransport
    void refusalsNameTheirKind(Transport transport) throws Exception {
        try (EchoServer echo = EchoServer.start();
             RunningProxy proxy = RunningProxy.start(TestConfigs.proxy(transport, echo.hostPort()))) {
            ProxyRegistry registry = proxy.synack().registry();
            ProxySpec spec = TestConfigs.proxy(transport, echo.hostPort()).spec();

            assertKind(() -> registry.add(spec, true), RegistryException.Kind.ALREADY_EXISTS);
            assertKind(() -> registry.disable("nope", false), RegistryException.Kind.NOT_FOUND);
            HostPort taken = new HostPort("127.0.0.1", proxy.address().getPort());
            ProxySpec clash = withListen(rename(spec, "clash"), taken);
            assertThatThrownBy(() -> registry.add(clash, true))
                    .isInstanceOfSatisfying(RegistryException.class, e -> {
                        assertThat(e.kind()).isEqualTo(RegistryException.Kind.CANNOT_LISTEN);
                        assertThat(e.errors()).extracting(Object::toString)
                                .containsExactly("listen: \"" + taken + "\" (expected: an address synack can bind (address already in use))");
                    });
            assertThat(registry.get("clash")).as("a refused add adds nothing").isEmpty();
        }
    }

    @Test
    void aRunWithoutASeedDrawsItsOwnAndAConfiguredSeedIsKept() throws Exception {
        TestConfigs config = TestConfigs.proxy(Transport.NIO, new HostPort("127.0.0.1", 9));
        try (Synack a = Synack.start(config.config(), List.of());
             Synack b = Synack.start(config.config(), List.of());
             Synack c = Synack.start(config.config().withSeed(42L), List.of())) {
            assertThat(a.seed()).as("two processes restarted together must not jitter in lockstep").isNotEqualTo(b.seed());
            assertThat(c.seed()).isEqualTo(42L);
        }
    }

    private interface Change {
        void run() throws Exception;
    }

    private static void assertKind(Change change, RegistryException.Kind kind) {
        assertThatThrownBy(change::run).isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.kind()).isEqualTo(kind));
    }

    private static void assertRefused(InetSocketAddress address) {
        assertThatThrownBy(() -> TestSocket.connect(address).close())
                .isInstanceOfAny(ConnectException.class, IOException.class)
                .hasMessageContaining("refused");
    }

    private static ProxySpec rename(ProxySpec p, String name) {
        return p.withName(name);
    }

    private static ProxySpec withUpstream(ProxySpec p, HostPort upstream) {
        return p.withUpstreams(java.util.List.of(upstream));
    }

    private static ProxySpec withListen(ProxySpec p, HostPort listen) {
        return p.withListen(listen);
    }
}
