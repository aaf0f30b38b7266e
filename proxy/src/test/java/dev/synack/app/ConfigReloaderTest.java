package dev.synack.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.synack.config.ConfigLoader;
import dev.synack.config.HostPort;
import dev.synack.config.ProxySpec;
import dev.synack.config.SocketOption;
import dev.synack.testkit.EchoServer;
import dev.synack.testkit.Ending;
import dev.synack.testkit.HashingService;
import dev.synack.testkit.Payload;
import dev.synack.testkit.Received;
import dev.synack.testkit.TestSocket;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Reloads of a running synack's config file, over real loopback sockets: a changed fault reaches a live
 * connection, an unchanged proxy's transfer goes on intact (SHA-256) across the reload, a removed proxy
 * stops listening while its open connection goes on, an added one listens, an invalid file changes
 * nothing (an on_state trigger in a process without the mirror included), proxies made through the API stay, keys that need a restart are ignored, new listener options
 * bind the listener again, and a saved file is picked up by the watch.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConfigReloaderTest {
    private static final Payload TRANSFER = Payload.mebibytes(8, 13);

    @TempDir
    Path dir;

    private Path file;
    private EchoServer echo;
    private Synack synack;
    private ConfigReloader reloader;

    @BeforeEach
    void echo() {
        echo = EchoServer.start();
        file = dir.resolve("synack.yaml");
    }

    @AfterEach
    void stop() {
        if (reloader != null) {
            reloader.close();
        }
        if (synack != null) {
            synack.shutdown(Duration.ZERO);
        }
        echo.close();
    }

    @Test
    void aReloadChangesWhatTheFileChangedAndNothingElse() throws Exception {
        try (HashingService source = HashingService.source(TRANSFER)) {
            start(false, proxy("steady", source.address().getPort(), ""), proxy("faulty", echoPort(), ""), proxy("doomed", echoPort(), ""));

            // a transfer through the unchanged proxy, its reader paused after the first MiB until the reload is done
            TestSocket steady = TestSocket.connect(synack.address("steady"));
            CountDownLatch midway = new CountDownLatch(1);
            CountDownLatch reloaded = new CountDownLatch(1);
            CompletableFuture<Received> transfer = CompletableFuture.supplyAsync(() -> steady.readToEnd(1 << 20, total -> {
                midway.countDown();
                awaitQuietly(reloaded);
            }));
            assertThat(midway.await(10, TimeUnit.SECONDS)).isTrue();
            TestSocket faulty = TestSocket.connect(synack.address("faulty"));
            assertThat(faulty.roundTrip("ping")).isEqualTo("ping");
            InetSocketAddress doomedAt = synack.address("doomed");
            TestSocket doomed = TestSocket.connect(doomedAt);
            assertThat(doomed.roundTrip("ping")).isEqualTo("ping");

            write(proxy("steady", source.address().getPort(), ""),
                    proxy("faulty", echoPort(), "    faults: [{type: limit_data, stream: downstream, attributes: {bytes: 3}}]\n"),
                    proxy("fresh", echoPort(), ""));
            ReloadResult r = reloader.reload("test").get(10, TimeUnit.SECONDS);
            reloaded.countDown();

            assertThat(r.rejected()).isFalse();
            assertThat(r.errors()).isEmpty();
            assertThat(r.changes()).hasSize(3);
            assertThat(r.changes().get(0)).startsWith("removed proxy doomed: its listener is closed; its 1 open connection");
            assertThat(r.changes().get(1)).isEqualTo("updated proxy faulty: its faults, on open connections too");
            assertThat(r.changes().get(2)).startsWith("added proxy fresh listening on /127.0.0.1:");

            // the new fault acts on the connection opened before the reload: 3 bytes, then the end
            faulty.write("hello");
            Received cut = faulty.readToEnd();
            assertThat(cut.digest().bytes()).isEqualTo(3);
            assertThat(cut.ending()).isEqualTo(Ending.EOF);

            Received whole = transfer.get(30, TimeUnit.SECONDS);
            assertThat(whole.digest()).as("the unchanged proxy's transfer across the reload").isEqualTo(TRANSFER.digest());
            assertThat(whole.ending()).isEqualTo(Ending.EOF);

            assertThatThrownBy(() -> TestSocket.connect(doomedAt)).as("the removed proxy's port").isInstanceOf(ConnectException.class);
            assertThat(doomed.roundTrip("still")).as("its open connection goes on").isEqualTo("still");
            try (TestSocket fresh = TestSocket.connect(synack.address("fresh"))) {
                assertThat(fresh.roundTrip("new")).isEqualTo("new");
            }
            doomed.close();
            steady.close();
            faulty.close();
        }
    }

    @Test
    void anInvalidFileIsRejectedWithEveryErrorAndTheRunningConfigKeepsServing() throws Exception {
        start(false, proxy("web", echoPort(), ""));
        ListAppender<ILoggingEvent> logged = capture();
        Files.writeString(file, "proxies:\n  - name: web\n    listen: 127.0.0.1:0\n    upstream: 127.0.0.1:" + echoPort()
                + "\n    colour: blue\n    limits: {idle_timeout: soon}\n");
        ReloadResult bad = reloader.reload("test").get(10, TimeUnit.SECONDS);
        assertThat(bad.rejected()).isTrue();
        assertThat(bad.errors()).extracting(Object::toString).containsExactly(
                "proxies[0].colour: unknown key (expected: one of name, listen, upstream, upstreams, connect, on_upstream_failure, "
                        + "on_peer_reset, limits, buffers, downstream, upstream_socket, faults)",
                "proxies[0].limits.idle_timeout: \"soon\" (expected: a duration from 0s to 8760h, like 250ms, 2s, 10m)");
        String log = logged.list.stream().map(ILoggingEvent::getFormattedMessage).reduce("", String::concat);
        assertThat(log).contains("rejected, the running config keeps serving").contains("proxies[0].colour").contains("proxies[0].limits.idle_timeout");

        write(proxy("web", echoPort(), "    faults: [{type: no_such_fault}]\n"));
        ReloadResult unrunnable = reloader.reload("test").get(10, TimeUnit.SECONDS);
        assertThat(unrunnable.rejected()).as("a fault type the registry does not know").isTrue();
        assertThat(unrunnable.errors()).extracting(e -> e.path()).containsExactly("proxies[0].faults[0].type");

        Files.writeString(file, "mirror: {enabled: true}\n" + proxy("web", echoPort(),
                "    faults: [{type: reset_peer, trigger: {on_state: {socket: upstream, state: CLOSE_WAIT}}}]\n"));
        ReloadResult unfollowed = reloader.reload("test").get(10, TimeUnit.SECONDS);
        assertThat(unfollowed.rejected()).as("an on_state trigger, and this process runs without the mirror").isTrue();
        assertThat(unfollowed.errors()).extracting(e -> e.path()).containsExactly("proxies[0].faults[0].trigger.on_state");

        try (TestSocket c = TestSocket.connect(synack.address("web"))) {
            assertThat(c.roundTrip("still here")).isEqualTo("still here");
        }
        assertThat(synack.registry().get("web").orElseThrow().faults()).isEmpty();
    }

    @Test
    void proxiesMadeThroughTheApiStayUnlessTheFileNamesThem() throws Exception {
        start(false, proxy("web", echoPort(), ""));
        synack.registry().add(ProxySpec.of("api", new HostPort("127.0.0.1", 0), new HostPort("127.0.0.1", echoPort())), true);
        write(proxy("web", echoPort(), "    limits: {max_connections: 5}\n"));
        assertThat(reloader.reload("test").get(10, TimeUnit.SECONDS).changes()).containsExactly(
                "updated proxy web: new settings for new connections; open ones keep theirs");
        assertThat(synack.registry().get("api")).as("made through the API, not named by the file").isPresent();

        write(proxy("web", echoPort(), "    limits: {max_connections: 5}\n"), proxy("api", echoPort(), "    limits: {max_connections: 7}\n"));
        assertThat(reloader.reload("test").get(10, TimeUnit.SECONDS).changes()).containsExactly(
                "proxy api (made through the API) now follows the file: new settings for new connections, its faults on open connections too");
        assertThat(synack.registry().get("api").orElseThrow().spec().limits().maxConnections()).isEqualTo(7);

        write(proxy("web", echoPort(), "    limits: {max_connections: 5}\n"));
        reloader.reload("test").get(10, TimeUnit.SECONDS);
        assertThat(synack.registry().get("api")).as("the file named it, and names it no more").isEmpty();
    }

    @Test
    void keysThatNeedARestartAreIgnoredAndTheDrainIsLive() throws Exception {
        start(false, proxy("web", echoPort(), ""));
        Files.writeString(file, "transport: nio\nmetrics: {toxiproxy: true}\nshutdown: {drain: 3s}\n" + proxy("web", echoPort(), ""));
        ReloadResult r = reloader.reload("test").get(10, TimeUnit.SECONDS);
        assertThat(r.rejected()).isFalse();
        assertThat(r.needsRestart()).containsExactly("transport", "metrics");
        assertThat(r.changes()).isEmpty();
        assertThat(synack.transport().transport().configName()).isNotEqualTo("nio");
        assertThat(reloader.current().shutdown().drain()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void newListenerOptionsBindTheListenerAgainOnItsPort() throws Exception {
        start(false, proxy("web", echoPort(), ""));
        InetSocketAddress before = synack.address("web");
        write(proxy("web", echoPort(), "    downstream: {backlog: 77}\n"));
        assertThat(reloader.reload("test").get(10, TimeUnit.SECONDS).changes()).containsExactly(
                "updated proxy web: new settings for new connections; open ones keep theirs");
        assertThat(synack.address("web")).isEqualTo(before);
        assertThat(synack.listenerOptions("web")).filteredOn(o -> o.name().equals(SocketOption.BACKLOG.configName()))
                .extracting(o -> o.effective()).containsExactly("77");
        try (TestSocket c = TestSocket.connect(before)) {
            assertThat(c.roundTrip("rebound")).isEqualTo("rebound");
        }
    }

    @Test
    void aSavedFileIsPickedUpByTheWatch() throws Exception {
        start(true, proxy("web", echoPort(), ""));
        // saved as editors do: a new file renamed over the old one
        Path tmp = dir.resolve(".synack.yaml.swp");
        Files.writeString(tmp, proxy("web", echoPort(), "") + proxy("fresh", echoPort(), "").substring("proxies:\n".length()));
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        await().atMost(Duration.ofSeconds(10)).until(() -> synack.registry().get("fresh").isPresent());
        try (TestSocket c = TestSocket.connect(synack.address("fresh"))) {
            assertThat(c.roundTrip("seen")).isEqualTo("seen");
        }
    }

    @Test
    void aConfigMapUpdateIsPickedUpByTheWatch() throws Exception {
        // Kubernetes mounts synack.yaml -> ..data/synack.yaml, ..data -> ..<timestamp>, and updates by
        // writing a new timestamped directory and renaming a new ..data symlink over the old one.
        Path first = Files.createDirectory(dir.resolve("..2025_01"));
        Files.createSymbolicLink(dir.resolve("..data"), first.getFileName());
        Path mounted = dir.resolve("mounted.yaml");
        Files.createSymbolicLink(mounted, Path.of("..data", "mounted.yaml"));
        file = first.resolve("mounted.yaml");
        write(proxy("web", echoPort(), ""));
        synack = Synack.start(ConfigLoader.load(mounted), List.of());
        reloader = ConfigReloader.start(mounted, synack, true);

        Path second = Files.createDirectory(dir.resolve("..2025_02"));
        file = second.resolve("mounted.yaml");
        write(proxy("web", echoPort(), ""), proxy("fresh", echoPort(), ""));
        Files.createSymbolicLink(dir.resolve("..data_tmp"), second.getFileName());
        Files.move(dir.resolve("..data_tmp"), dir.resolve("..data"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        await().atMost(Duration.ofSeconds(10)).until(() -> synack.registry().get("fresh").isPresent());
    }

    private void start(boolean watch, String... proxies) throws Exception {
        write(proxies);
        synack = Synack.start(ConfigLoader.load(file), List.of());
        reloader = ConfigReloader.start(file, synack, watch);
    }

    /** A config of these proxies (each from {@link #proxy}). */
    private void write(String... proxies) throws Exception {
        StringBuilder yaml = new StringBuilder("shutdown: {drain: 0s}\nproxies:\n");
        for (String p : proxies) {
            yaml.append(p.substring("proxies:\n".length()));
        }
        Files.writeString(file, yaml.toString());
    }

    private static String proxy(String name, int upstreamPort, String more) {
        return "proxies:\n  - name: " + name + "\n    listen: 127.0.0.1:0\n    upstream: 127.0.0.1:" + upstreamPort + "\n" + more;
    }

    private int echoPort() {
        return echo.address().getPort();
    }

    private static ListAppender<ILoggingEvent> capture() {
        ListAppender<ILoggingEvent> a = new ListAppender<>();
        a.start();
        ((Logger) LoggerFactory.getLogger(ConfigReloader.class)).addAppender(a);
        return a;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
