package dev.synack.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.net.Transport;
import dev.synack.testkit.EachTransport;
import dev.synack.testkit.EchoServer;
import dev.synack.testkit.RunningProxy;
import dev.synack.testkit.TestConfigs;
import dev.synack.testkit.TestSocket;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Which address family the proxy's own sockets have, as the kernel lists them: /proc/net/tcp holds
 * AF_INET sockets, /proc/net/tcp6 AF_INET6 ones (dual-stack included). For an IPv4 listen address and
 * an IPv4 upstream, epoll opens AF_INET sockets; io_uring and NIO open dual-stack AF_INET6 sockets.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SocketFamilyTest {

    @EachTransport
    void ipv4AddressesGetTheFamilyTheTransportOpens(Transport transport) throws Exception {
        String expected = transport == Transport.EPOLL ? "tcp" : "tcp6";
        try (EchoServer echo = EchoServer.start();
             RunningProxy proxy = RunningProxy.start(TestConfigs.proxy(transport, echo.hostPort()))) {
            TestSocket client = proxy.connect();
            assertThat(client.roundTrip("family")).isEqualTo("family");
            int listen = proxy.address().getPort();
            int service = echo.address().getPort();
            List<Entry> sockets = sockets();

            assertThat(sockets).filteredOn(e -> e.localPort == listen && e.state == LISTEN)
                    .as("the listener on port %d", listen).extracting(e -> e.table).containsExactly(expected);
            // ESTABLISHED only: sockets of earlier tests may linger in TIME_WAIT on the same port numbers
            assertThat(sockets).filteredOn(e -> e.state == ESTABLISHED && e.localPort == listen && e.remotePort == client.localAddress().getPort())
                    .as("the accepted socket").extracting(e -> e.table).containsExactly(expected);
            assertThat(sockets).filteredOn(e -> e.state == ESTABLISHED && e.remotePort == service)
                    .as("the upstream socket to port %d", service).extracting(e -> e.table).containsExactly(expected);
        }
    }

    private static final int ESTABLISHED = 0x01;
    private static final int LISTEN = 0x0A;

    private record Entry(String table, int localPort, int remotePort, int state) {}

    private static List<Entry> sockets() throws IOException {
        List<Entry> all = new ArrayList<>();
        for (String table : new String[] {"tcp", "tcp6"}) {
            List<String> lines = Files.readAllLines(Path.of("/proc/net", table));
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                all.add(new Entry(table, port(f[1]), port(f[2]), Integer.parseInt(f[3], 16)));
            }
        }
        return all;
    }

    /** The port of an "ADDR:PORT" column, the port in hex. */
    private static int port(String column) {
        return Integer.parseInt(column.substring(column.indexOf(':') + 1), 16);
    }
}
