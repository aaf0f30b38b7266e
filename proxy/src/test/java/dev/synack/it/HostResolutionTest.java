package dev.synack.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.config.HostPort;
import dev.synack.net.Transport;
import dev.synack.observe.CloseReason;
import dev.synack.observe.ConnectionSummary;
import dev.synack.proxy.HostResolver;
import dev.synack.testkit.EachTransport;
import dev.synack.testkit.EchoServer;
import dev.synack.testkit.Ending;
import dev.synack.testkit.Received;
import dev.synack.testkit.RecordingObserver.Event;
import dev.synack.testkit.RecordingObserver.Kind;
import dev.synack.testkit.RunningProxy;
import dev.synack.testkit.TestConfigs;
import dev.synack.testkit.TestSocket;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Upstreams named by host: each attempt resolves the name through the proxy's {@link HostResolver},
 * off the event loop, so connections wait for their own lookup only; a name that does not resolve is
 * a failed attempt.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostResolutionTest {

    /** Answers nothing by itself: each lookup waits in {@link #pending} until the test completes it. */
    private static final class HeldResolver implements HostResolver {
        final BlockingQueue<Lookup> pending = new LinkedBlockingQueue<>();

        record Lookup(String host, CompletableFuture<InetAddress> answer) {}

        @Override
        public CompletableFuture<InetAddress> resolve(String host) {
            CompletableFuture<InetAddress> answer = new CompletableFuture<>();
            pending.add(new Lookup(host, answer));
            return answer;
        }

        Lookup next() throws InterruptedException {
            Lookup l = pending.poll(20, TimeUnit.SECONDS);
            assertThat(l).as("a lookup asked for").isNotNull();
            return l;
        }
    }

    @EachTransport
    void aNamedUpstreamIsResolvedByTheSystemResolver(Transport transport) throws Exception {
        try (EchoServer echo = EchoServer.start();
             RunningProxy proxy = RunningProxy.start(TestConfigs.proxy(transport, new HostPort("localhost", echo.address().getPort())))) {
            TestSocket client = proxy.connect();
            assertThat(client.roundTrip("named")).isEqualTo("named");
            ConnectionSummary s = summaryAfterClose(proxy, client);
            assertThat(proxy.observer().events(Kind.CONNECT_STARTED, s.id())).singleElement().satisfies(e -> {
                assertThat(e.address().isUnresolved()).isFalse();
                assertThat(e.address().getAddress().isLoopbackAddress()).isTrue();
            });
        }
    }

    /**
     * Three connections wait for their lookups at once, more than there are event loops: a lookup that
     * blocked its loop would keep the sessions behind it from asking for theirs.
     */
    @EachTransport
    void lookupsWaitOffTheEventLoop(Transport transport) throws Exception {
        HeldResolver dns = new HeldResolver();
        try (EchoServer echo = EchoServer.start();
             RunningProxy proxy = RunningProxy.start(TestConfigs.proxy(transport, new HostPort("echo.test", echo.address().getPort())), dns)) {
            List<TestSocket> clients = new ArrayList<>();
            List<HeldResolver.Lookup> lookups = new ArrayList<>();
            int n = Runtime.getRuntime().availableProcessors() + 1;
            for (int i = 0; i < n; i++) {
                clients.add(proxy.connect());
            }
            for (int i = 0; i < n; i++) {
                lookups.add(dns.next());
            }
            assertThat(lookups).extracting(HeldResolver.Lookup::host).containsOnly("echo.test");
            assertThat(echo.acceptedCount()).as("connects before any lookup answered").isZero();

            for (HeldResolver.Lookup l : lookups) {
                l.answer().complete(InetAddress.getByName("127.0.0.1"));
            }
            for (TestSocket c : clients) {
                assertThat(c.roundTrip("resolved")).isEqualTo("resolved");
            }
        }
    }

    @EachTransport
    void aNameThatDoesNotResolveIsAFailedAttempt(Transport transport) throws Exception {
        HeldResolver dns = new HeldResolver();
        try (RunningProxy proxy = RunningProxy.start(TestConfigs.proxy(transport, new HostPort("nowhere.test", 9)), dns)) {
            TestSocket client = proxy.connect();
            dns.next().answer().completeExceptionally(new UnknownHostException("nowhere.test"));
            Received r = client.readToEndAsync().get(20, TimeUnit.SECONDS);
            assertThat(r.ending()).isEqualTo(Ending.RESET);

            ConnectionSummary s = summaryAfterClose(proxy, client);
            assertThat(s.reason()).isEqualTo(CloseReason.UPSTREAM_UNREACHABLE);
            assertThat(proxy.observer().events(Kind.CONNECT_FAILED, s.id())).singleElement().satisfies(e -> {
                assertThat(e.cause()).isInstanceOf(UnknownHostException.class);
                assertThat(e.address().getHostString()).isEqualTo("nowhere.test");
            });
            assertThat(proxy.observer().events(Kind.CONNECT_STARTED, s.id())).extracting(Event::attempt).containsExactly(1);
        }
    }

    private static ConnectionSummary summaryAfterClose(RunningProxy proxy, TestSocket client) {
        client.close();
        return proxy.observer().awaitSummaryOf(client.localAddress());
    }
}
