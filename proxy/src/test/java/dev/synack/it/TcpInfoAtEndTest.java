package dev.synack.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.config.SocketSpec;
import dev.synack.fault.builtin.NftBlackhole;
import dev.synack.net.Transport;
import dev.synack.observe.CloseReason;
import dev.synack.observe.ConnectionSummary;
import dev.synack.observe.Side;
import dev.synack.observe.TcpInfo;
import dev.synack.testkit.EachTransport;
import dev.synack.testkit.EchoServer;
import dev.synack.testkit.Ending;
import dev.synack.testkit.RunningProxy;
import dev.synack.testkit.TestConfigs;
import dev.synack.testkit.TestSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Each proxy socket's tcp_info as it was at the socket's end, in the connection's summary (metrics are on
 * by default, and they ask for it): read on loopback it has a round-trip time and no retransmission; when
 * the service's acknowledgements are lost it counts the retransmissions until TCP_USER_TIMEOUT gave up,
 * and so does the retransmits histogram.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TcpInfoAtEndTest {
    private static final int TCP_CLOSE_WAIT = 8;
    private static final int TCP_FIN_WAIT1 = 4;
    private static final int TCP_FIN_WAIT2 = 5;
    private static final int TCP_CLOSE = 7;
    private static final String TABLE = "synack_tcpinfo_test";

    @EachTransport
    void bothSocketsAreReadAtSynacksFin(Transport transport) throws Exception {
        try (EchoServer echo = EchoServer.start(); RunningProxy p = RunningProxy.start(TestConfigs.proxy(transport, echo.hostPort()))) {
            try (TestSocket client = p.connect()) {
                assertThat(client.roundTrip("hello")).isEqualTo("hello");
                client.shutdownOutput();
                assertThat(client.readToEnd().ending()).isEqualTo(Ending.EOF);
            }
            ConnectionSummary s = p.observer().awaitClosed(1).get(0);
            assertThat(s.reason()).isEqualTo(CloseReason.CLIENT_FIN);
            if (!transport.isNative()) {
                assertThat(s.downstreamTcpInfo()).as("NIO has no tcp_info").isNull();
                assertThat(s.upstreamTcpInfo()).isNull();
                return;
            }
            for (Side side : Side.values()) {
                TcpInfo t = s.tcpInfo(side);
                assertThat(t).as("%s tcp_info", side).isNotNull();
                assertThat(t.rtt()).as("%s rtt", side).isPositive();
                assertThat(t.minRtt()).as("%s min_rtt", side).isPositive();
                assertThat(t.totalRetrans()).as("%s retransmissions on loopback", side).isZero();
                assertThat(t.sndMss()).isPositive();
                assertThat(t.sndCwnd()).isPositive();
                assertThat(t.bytesAcked()).as("%s: hello sent and acked, plus the SYN's and FIN's sequence numbers", side)
                        .isGreaterThanOrEqualTo(5);
            }
            // Read when synack's FIN left: the client's FIN was in (CLOSE_WAIT) when synack answered it. Upstream,
            // the service answers synack's FIN at once on loopback: FIN_WAIT_1, FIN_WAIT_2 once its ACK was in,
            // or CLOSE once its FIN was in too (the kernel keeps TIME_WAIT in an entry of its own).
            assertThat(s.downstreamTcpInfo().state()).isEqualTo(TCP_CLOSE_WAIT);
            assertThat(s.upstreamTcpInfo().state()).isIn(TCP_FIN_WAIT1, TCP_FIN_WAIT2, TCP_CLOSE);
        }
    }

    /**
     * The service's ACKs are dropped on their way in (an nftables rule of the test's own: synack's blackhole
     * fault drops its own socket's segments at output, where the kernel counts a failed send, not a
     * retransmission), so synack's upstream socket retransmits until its TCP_USER_TIMEOUT of 1 s gives up.
     */
    @Test
    void unansweredSegmentsAreCountedAsRetransmissions() throws Exception {
        Assumptions.assumeTrue(Transport.EPOLL.isAvailable(), "epoll is not available here");
        Assumptions.assumeTrue(NftBlackhole.missing().isEmpty(), () -> NftBlackhole.missing().orElse(""));
        SocketSpec giveUpAfterOneSecond = new SocketSpec(true, null, null, null, null, null, null, Duration.ofSeconds(1),
                null, null, null, null, null, null, null, null);
        try (EchoServer echo = EchoServer.start();
             RunningProxy p = RunningProxy.start(TestConfigs.proxy(Transport.EPOLL, echo.hostPort()).withUpstreamSocket(giveUpAfterOneSecond))) {
            try (TestSocket client = p.connect()) {
                assertThat(client.roundTrip("hello")).isEqualTo("hello");
                nft("table inet " + TABLE + " {\n  chain input { type filter hook input priority -300; policy accept; tcp sport "
                        + echo.address().getPort() + " drop; }\n}\n");
                client.write("into the void");
                assertThat(client.readToEnd().ending()).as("the client is reset once the upstream timed out").isEqualTo(Ending.RESET);
            } finally {
                nft("add table inet " + TABLE + "\ndelete table inet " + TABLE);
            }
            ConnectionSummary s = p.observer().awaitClosed(1).get(0);
            assertThat(s.reason()).isEqualTo(CloseReason.ERROR);
            assertThat(s.upstreamTcpInfo().totalRetrans()).as("retransmissions nobody acknowledged").isPositive();
            assertThat(s.downstreamTcpInfo().totalRetrans()).isZero();
            String scrape = p.synack().scrape().orElseThrow();
            assertThat(MetricsTest.parse(scrape).get("synack_tcp_retransmits_sum{proxy=\"it\",side=\"upstream\"}"))
                    .isEqualTo((double) s.upstreamTcpInfo().totalRetrans());
        }
    }

    private static void nft(String script) throws Exception {
        String bin = Files.isExecutable(Path.of("/usr/sbin/nft")) ? "/usr/sbin/nft" : "nft";
        Process nft = new ProcessBuilder(bin, "-f", "-").redirectErrorStream(true).start();
        try (var in = nft.getOutputStream()) {
            in.write(script.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(nft.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(nft.waitFor()).as("nft: %s", out).isZero();
    }
}
