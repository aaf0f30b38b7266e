package dev.synack.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.mirror.model.LinuxTcpState;
import dev.synack.net.ProcNetTcp;
import dev.synack.net.Transport;
import dev.synack.testkit.EachTransport;
import dev.synack.testkit.EchoServer;
import dev.synack.testkit.RunningProxy;
import dev.synack.testkit.TestConfigs;
import dev.synack.testkit.TestSocket;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Which address family the proxy's own sockets have, as the kernel lists them: /proc/net/tcp holds
 * AF_INET sockets, /proc/net/tcp6 AF_INET6 ones (dual-stack included). For an IPv4 listen address and
 * an IPv4 upstream, epoll and NIO open AF_INET sockets; io_uring opens dual-stack AF_INET6 sockets.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SocketFamilyTest {

    @EachTransport
    void ipv4AddressesGetTheFamilyTheTransportOpens(Transport transport) throws Exception {
        boolean tcp6 = transport == Transport.IO_URING;
        try (EchoServer echo = EchoServer.start();
             RunningProxy proxy = RunningProxy.start(TestConfigs.proxy(transport, echo.hostPort()))) {
            TestSocket client = proxy.connect();
            assertThat(client.roundTrip("family")).isEqualTo("family");
            InetSocketAddress listen = proxy.address();
            int service = echo.address().getPort();
            ProcNetTcp scan = ProcNetTcp.scan();

            assertThat(scan.rows()).filteredOn(r -> r.local().equals(listen) && r.state() == LinuxTcpState.LISTEN.code())
                    .as("the listener on %s", listen).extracting(ProcNetTcp.Row::tcp6).containsExactly(tcp6);
            assertThat(scan.find(listen, client.localAddress())).as("the accepted socket")
                    .hasValueSatisfying(row -> assertThat(row.tcp6()).isEqualTo(tcp6));
            // ESTABLISHED only: sockets of earlier tests may linger in TIME_WAIT on the same port numbers
            assertThat(scan.rows()).filteredOn(r -> r.remote().getPort() == service && r.state() == LinuxTcpState.ESTABLISHED.code())
                    .as("the upstream socket to port %d", service).extracting(ProcNetTcp.Row::tcp6).containsExactly(tcp6);
        }
    }
}
