package dev.synack.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synack.app.Synack;
import dev.synack.config.AdminSpec;
import dev.synack.config.BufferSpec;
import dev.synack.config.CloseAction;
import dev.synack.config.ConnectSpec;
import dev.synack.config.HostPort;
import dev.synack.config.LimitsSpec;
import dev.synack.config.ProxySpec;
import dev.synack.config.ShutdownSpec;
import dev.synack.config.SocketSpec;
import dev.synack.config.SynackConfig;
import dev.synack.config.TransportKind;
import dev.synack.net.Transport;
import dev.synack.net.TransportChoice;
import dev.synack.observe.CloseReason;
import dev.synack.observe.ConnectionObserver;
import dev.synack.observe.ConnectionSummary;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A quick end-to-end check of the relay on each transport: echo, half-close, and an RST each way. */
class RelaySmokeTest {
    private final LinkedBlockingQueue<ConnectionSummary> closed = new LinkedBlockingQueue<>();
    private Synack synack;
    private ServerSocket service;

    static List<Transport> transports() {
        return TransportChoice.available();
    }

    @AfterEach
    void stop() throws Exception {
        if (synack != null) {
            synack.shutdown(java.time.Duration.ofSeconds(1));
        }
        if (service != null) {
            service.close();
        }
    }

    private InetSocketAddress startProxy(Transport t, int upstreamPort, CloseAction onPeerReset) throws Exception {
        return startProxy(t, upstreamPort, onPeerReset, false);
    }

    private InetSocketAddress startProxy(Transport t, int upstreamPort, CloseAction onPeerReset, boolean wantOptions)
            throws Exception {
        ProxySpec p = new ProxySpec("smoke", new HostPort("127.0.0.1", 0), List.of(new HostPort("127.0.0.1", upstreamPort)),
                ConnectSpec.DEFAULT, CloseAction.RESET, onPeerReset, LimitsSpec.DEFAULT, BufferSpec.DEFAULT,
                SocketSpec.DEFAULT, SocketSpec.DEFAULT, List.of());
        SynackConfig c = new SynackConfig(new AdminSpec(null), TransportKind.valueOf(t.name()), ShutdownSpec.DEFAULT, List.of(p));
        synack = Synack.start(c, List.of(new ConnectionObserver() {
            @Override
            public boolean wantsSocketOptions() {
                return wantOptions;
            }

            @Override
            public void closed(ConnectionSummary s) {
                closed.add(s);
            }
        }));
        return synack.address("smoke");
    }

    /** The service reads until EOF, then replies with what it read, reversed in order of bytes, and closes. */
    private void serveEchoAfterFin() throws Exception {
        service = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            try (Socket s = service.accept()) {
                byte[] all = s.getInputStream().readAllBytes();
                s.getOutputStream().write(all);
                s.getOutputStream().write(all);
            } catch (Exception ignored) {
                // the test fails on what the client sees
            }
        });
        t.setDaemon(true);
        t.start();
    }

    @ParameterizedTest
    @MethodSource("transports")
    void halfCloseThenReplyAfterFin(Transport t) throws Exception {
        serveEchoAfterFin();
        InetSocketAddress proxy = startProxy(t, service.getLocalPort(), CloseAction.RESET);
        byte[] request = new byte[3 * 1024 * 1024];
        new java.util.Random(7).nextBytes(request);
        try (Socket c = new Socket(proxy.getAddress(), proxy.getPort())) {
            OutputStream out = c.getOutputStream();
            out.write(request);
            c.shutdownOutput();
            byte[] reply = c.getInputStream().readAllBytes();
            assertThat(reply.length).isEqualTo(2 * request.length);
            assertThat(java.util.Arrays.copyOfRange(reply, request.length, reply.length)).isEqualTo(request);
        }
        ConnectionSummary s = closed.poll(10, TimeUnit.SECONDS);
        assertThat(s).isNotNull();
        assertThat(s.reason()).isEqualTo(CloseReason.CLIENT_FIN);
        assertThat(s.bytesClientToService()).isEqualTo(request.length);
        assertThat(s.bytesServiceToClient()).isEqualTo(2L * request.length);
    }

    /** Both sockets' options are read only when an observer asks for them: getsockopt is not free. */
    @ParameterizedTest
    @MethodSource("transports")
    void socketOptionsAreReadWhenAnObserverWantsThem(Transport t) throws Exception {
        for (boolean want : new boolean[] {true, false}) {
            serveEchoAfterFin();
            InetSocketAddress proxy = startProxy(t, service.getLocalPort(), CloseAction.RESET, want);
            try (Socket c = new Socket(proxy.getAddress(), proxy.getPort())) {
                c.shutdownOutput();
                assertThat(c.getInputStream().readAllBytes()).isEmpty();
            }
            ConnectionSummary s = closed.poll(10, TimeUnit.SECONDS);
            if (want) {
                assertThat(s.downstreamOptions()).extracting(r -> r.name()).contains("nodelay", "rcvbuf");
                assertThat(s.upstreamOptions()).filteredOn(r -> r.name().equals("nodelay"))
                        .singleElement().satisfies(r -> assertThat(r.effective()).isEqualTo("true"));
            } else {
                assertThat(s.downstreamOptions()).isEmpty();
                assertThat(s.upstreamOptions()).isEmpty();
            }
            stop();
            synack = null;
            service = null;
        }
    }

    @ParameterizedTest
    @MethodSource("transports")
    void serviceResetBecomesClientReset(Transport t) throws Exception {
        service = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        Thread th = new Thread(() -> {
            try {
                Socket s = service.accept();
                s.getInputStream().read();
                s.setSoLinger(true, 0);
                s.close();
            } catch (Exception ignored) {
                // seen by the client
            }
        });
        th.setDaemon(true);
        th.start();
        InetSocketAddress proxy = startProxy(t, service.getLocalPort(), CloseAction.RESET);
        try (Socket c = new Socket(proxy.getAddress(), proxy.getPort())) {
            c.getOutputStream().write(1);
            InputStream in = c.getInputStream();
            assertThatThrownBy(() -> in.read()).isInstanceOf(SocketException.class).hasMessageContaining("reset");
        }
        ConnectionSummary s = closed.poll(10, TimeUnit.SECONDS);
        assertThat(s.reason()).isEqualTo(CloseReason.SERVICE_RST);
    }

    @ParameterizedTest
    @MethodSource("transports")
    void upstreamRefusedResetsClient(Transport t) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        InetSocketAddress proxy = startProxy(t, port, CloseAction.RESET);
        try (Socket c = new Socket(proxy.getAddress(), proxy.getPort())) {
            InputStream in = c.getInputStream();
            assertThatThrownBy(() -> in.read()).isInstanceOf(SocketException.class).hasMessageContaining("reset");
        }
        ConnectionSummary s = closed.poll(10, TimeUnit.SECONDS);
        assertThat(s.reason()).isEqualTo(CloseReason.UPSTREAM_UNREACHABLE);
        assertThat(s.attempts()).isEqualTo(ConnectSpec.DEFAULT.attempts());
    }
}
