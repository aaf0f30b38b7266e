package dev.synack.net;

import dev.synack.observe.TcpInfo;
import dev.synack.config.KernelOption;
import dev.synack.testkit.Specs;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.epoll.EpollTcpInfo;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** tcp_info read raw from the fd, checked against ss and against Netty's own epoll reader. */
class TcpInfoReaderTest {

    static Stream<Transport> nativeTransports() {
        return TransportChoice.available().stream().filter(Transport::isNative);
    }

    @ParameterizedTest
    @MethodSource("nativeTransports")
    void readsAnEstablishedLoopbackConnection(Transport t) throws Exception {
        try (LoopbackPair p = LoopbackPair.open(t, Specs.of("maxSegment", 1200), Specs.of(Map.of()))) {
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> TcpInfoReader.read(p.client).orElseThrow().bytesAcked() >= 2);
            TcpInfo client = TcpInfoReader.read(p.client).orElseThrow();
            TcpInfo accepted = TcpInfoReader.read(p.accepted).orElseThrow();
            assertThat(client.state()).isEqualTo(1);
            assertThat(accepted.state()).isEqualTo(1);
            assertThat(client.has(KernelOption.TCPI_OPT_TIMESTAMPS | KernelOption.TCPI_OPT_SACK | KernelOption.TCPI_OPT_WSCALE)).isTrue();
            assertThat(client.optionNames()).startsWith("ts sack wscale");
            assertThat(client.has(KernelOption.TCPI_OPT_SYN_DATA)).isFalse();
            assertThat(accepted.has(KernelOption.TCPI_OPT_TFO_CHILD)).isFalse();
            assertThat(client.bytesSent()).isEqualTo(1);
            assertThat(client.bytesAcked()).isEqualTo(2); // the SYN counts one
            assertThat(accepted.bytesReceived()).isEqualTo(1);
            assertThat(client.sndMss()).isEqualTo(1188); // the listener's 1200 less 12 bytes of timestamps
            assertThat(client.rtt()).isPositive();
            assertThat(client.sndCwnd()).isPositive();
            assertThat(client.minRtt()).isPositive();
            assertThat(client.sndWnd()).isPositive();
            if (SsView.available()) {
                String ss = SsView.of(p.port()).client();
                assertThat(SsView.find(ss, "\\bmss:(\\d+)")).isEqualTo(String.valueOf(client.sndMss()));
                assertThat(SsView.find(ss, "wscale:(\\d+,\\d+)")).isEqualTo(client.sndWscale() + "," + client.rcvWscale());
                assertThat(SsView.find(ss, "\\bcwnd:(\\d+)")).isEqualTo(String.valueOf(client.sndCwnd()));
                assertThat(SsView.find(ss, "\\brto:(\\d+)")).isEqualTo(String.valueOf(client.rto() / 1000));
                assertThat(SsView.find(ss, "\\bsnd_wnd:(\\d+)")).isEqualTo(String.valueOf(client.sndWnd()));
            }
        }
    }

    @Test
    void agreesWithNettysEpollReaderOnTheClassicFields() throws Exception {
        Assumptions.assumeTrue(Transport.EPOLL.isAvailable(), "epoll is not available here");
        try (LoopbackPair p = LoopbackPair.open(Transport.EPOLL, Specs.of(Map.of()), Specs.of(Map.of()))) {
            EpollTcpInfo netty = ((EpollSocketChannel) p.accepted).tcpInfo();
            TcpInfo ours = TcpInfoReader.read(p.accepted).orElseThrow();
            assertThat(ours.state()).isEqualTo(netty.state());
            assertThat(ours.options()).isEqualTo(netty.options());
            assertThat(ours.sndWscale()).isEqualTo(netty.sndWscale());
            assertThat(ours.rcvWscale()).isEqualTo(netty.rcvWscale());
            assertThat(ours.sndMss()).isEqualTo(netty.sndMss());
            assertThat(ours.rcvMss()).isEqualTo(netty.rcvMss());
            assertThat(ours.advmss()).isEqualTo(netty.advmss());
            assertThat(ours.rcvSpace()).isEqualTo(netty.rcvSpace());
            assertThat(ours.totalRetrans()).isEqualTo(netty.totalRetrans());
        }
    }

    @Test
    void nioHasNoTcpInfo() throws Exception {
        try (LoopbackPair p = LoopbackPair.open(Transport.NIO, Specs.of(Map.of()), Specs.of(Map.of()))) {
            assertThat(TcpInfoReader.read(p.client)).isEmpty();
        }
    }
}
