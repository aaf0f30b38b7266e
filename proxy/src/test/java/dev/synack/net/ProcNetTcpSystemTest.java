package dev.synack.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.mirror.model.LinuxTcpState;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The reader on this machine's own /proc: a loopback connection found by its 4-tuple, state by state. */
class ProcNetTcpSystemTest {

    @BeforeAll
    static void linux() {
        Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/net/tcp")), "no /proc/net/tcp on this machine");
    }

    @Test
    void findsBothEndsOfALoopbackConnectionAndFollowsAHalfClose() throws IOException {
        try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
             SocketChannel client = SocketChannel.open(server.getLocalAddress());
             SocketChannel accepted = server.accept()) {
            InetSocketAddress clientEnd = (InetSocketAddress) client.getLocalAddress();
            InetSocketAddress serverEnd = (InetSocketAddress) client.getRemoteAddress();
            ProcNetTcp scan = ProcNetTcp.scan();

            assertThat(state(scan, clientEnd, serverEnd)).isEqualTo(LinuxTcpState.ESTABLISHED);
            assertThat(state(scan, serverEnd, clientEnd)).isEqualTo(LinuxTcpState.ESTABLISHED);
            assertThat(scan.find(clientEnd, serverEnd).orElseThrow().inode()).as("a socket with a descriptor").isPositive();
            assertThat(scan.rows()).filteredOn(r -> r.local().equals(serverEnd))
                    .extracting(r -> LinuxTcpState.ofCode(r.state()).orElseThrow())
                    .containsExactlyInAnyOrder(LinuxTcpState.LISTEN, LinuxTcpState.ESTABLISHED);

            client.shutdownOutput();

            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                ProcNetTcp after = ProcNetTcp.scan();
                assertThat(state(after, clientEnd, serverEnd)).isEqualTo(LinuxTcpState.FIN_WAIT2);
                assertThat(state(after, serverEnd, clientEnd)).isEqualTo(LinuxTcpState.CLOSE_WAIT);
            });
        }
    }

    private static LinuxTcpState state(ProcNetTcp scan, InetSocketAddress local, InetSocketAddress remote) {
        ProcNetTcp.Row row = scan.find(local, remote)
                .orElseThrow(() -> new AssertionError("no socket " + local + " -> " + remote + " among " + scan.size() + " rows"));
        return LinuxTcpState.ofCode(row.state()).orElseThrow(() -> new AssertionError("unknown state code " + row.state()));
    }
}
