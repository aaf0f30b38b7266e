package dev.synack.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synack.mirror.model.LinuxTcpState;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The /proc/net/tcp{,6} reader on fixture tables, each line as a kernel on x86 prints it. */
class ProcNetTcpTest {
    private static final String TCP_HEADER =
            "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";
    private static final String TCP6_HEADER = "  sl  local_address                         remote_address"
            + "                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";

    /** 127.0.0.1:8080 listening; a connection to it with queued bytes and a retransmit timer; a TIME_WAIT. */
    private static final String TCP = TCP_HEADER
            + "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000005 00:00000000 00000000  1000        0 12345 1 0000000000000000 100 0 0 10 0\n"
            + "   1: 0100007F:9C40 0100007F:1F90 01 00000010:00000020 01:0000001E 00000002  1000        0 23456 2 0000000000000000 20 4 30 10 -1\n"
            + "   2: 0100007F:9C42 0100007F:1F90 06 00000000:00000000 03:00001770 00000000     0        0 0 3 0000000000000000\n";

    /** [::1]:443 to [2001:db8::1234]:5000; ::ffff:127.0.0.1:8080 to ::ffff:10.0.0.2:40000; an orphan's minisocket. */
    private static final String TCP6 = TCP6_HEADER
            + "   0: 00000000000000000000000001000000:01BB B80D0120000000000000000034120000:1388 01 00000000:00000000 02:00000BB8 00000000  1000        0 34567 1 0000000000000000 20 4 30 10 -1\n"
            + "   1: 0000000000000000FFFF00000100007F:1F90 0000000000000000FFFF00000200000A:9C40 08 00000000:00000003 00:00000000 00000000  1000        0 45678 1 0000000000000000 20 4 30 10 -1\n"
            + "   2: 0000000000000000FFFF00000100007F:9C44 0000000000000000FFFF00000100007F:1F90 05 00000000:00000000 03:00000BB8 00000000     0        0 0 3 0000000000000000\n";

    @TempDir
    Path proc;

    @Test
    void readsIpv4Rows() throws IOException {
        ProcNetTcp scan = scan(TCP, TCP6_HEADER);

        assertThat(scan.size()).isEqualTo(3);
        ProcNetTcp.Row listener = scan.find(at("127.0.0.1", 8080), at("0.0.0.0", 0)).orElseThrow();
        assertThat(listener).isEqualTo(new ProcNetTcp.Row(false, at("127.0.0.1", 8080), at("0.0.0.0", 0),
                10, 0, 5, ProcNetTcp.Row.TIMER_NONE, 0, 12345));
        ProcNetTcp.Row connection = scan.find(at("127.0.0.1", 40000), at("127.0.0.1", 8080)).orElseThrow();
        assertThat(connection).isEqualTo(new ProcNetTcp.Row(false, at("127.0.0.1", 40000), at("127.0.0.1", 8080),
                1, 16, 32, ProcNetTcp.Row.TIMER_RETRANSMIT, 30, 23456));
        assertThat(connection.timerExpiry()).isEqualTo(Duration.ofMillis(300));
        assertThat(connection.local().getAddress()).isInstanceOf(Inet4Address.class);
    }

    @Test
    void aTimeWaitRowHasInodeZeroAndTheTimeWaitTimer() throws IOException {
        ProcNetTcp.Row timeWait = scan(TCP, TCP6_HEADER).find(at("127.0.0.1", 40002), at("127.0.0.1", 8080)).orElseThrow();

        assertThat(LinuxTcpState.ofCode(timeWait.state())).contains(LinuxTcpState.TIME_WAIT);
        assertThat(timeWait.inode()).isZero();
        assertThat(timeWait.timer()).isEqualTo(ProcNetTcp.Row.TIMER_TIME_WAIT);
        assertThat(timeWait.timerExpiry()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void readsIpv6RowsInTheKernelsWordOrder() throws IOException {
        ProcNetTcp scan = scan(TCP_HEADER, TCP6);

        ProcNetTcp.Row row = scan.find(at("::1", 443), at("2001:db8::1234", 5000)).orElseThrow();
        assertThat(row).isEqualTo(new ProcNetTcp.Row(true, at("::1", 443), at("2001:db8::1234", 5000),
                1, 0, 0, ProcNetTcp.Row.TIMER_KEEPALIVE, 3000, 34567));
        assertThat(row.timerExpiry()).isEqualTo(Duration.ofSeconds(30));
        assertThat(row.local().getAddress()).isInstanceOf(Inet6Address.class);
    }

    @Test
    void aV4MappedAddressIsFoundByItsIpv4AddressAndByTheMappedOne() throws IOException {
        ProcNetTcp scan = scan(TCP_HEADER, TCP6);

        ProcNetTcp.Row row = scan.find(at("127.0.0.1", 8080), at("10.0.0.2", 40000)).orElseThrow();
        assertThat(row.tcp6()).isTrue();
        assertThat(row.state()).isEqualTo(8);
        assertThat(row.rxQueue()).isEqualTo(3);
        assertThat(row.local().getAddress()).isInstanceOf(Inet4Address.class);
        assertThat(scan.find(mapped("127.0.0.1", 8080), mapped("10.0.0.2", 40000))).contains(row);
    }

    @Test
    void anOrphansTimeWaitMinisocketKeepsItsFinWait2Code() throws IOException {
        ProcNetTcp.Row row = scan(TCP_HEADER, TCP6).find(at("127.0.0.1", 40004), at("127.0.0.1", 8080)).orElseThrow();

        assertThat(LinuxTcpState.ofCode(row.state())).contains(LinuxTcpState.FIN_WAIT2);
        assertThat(row.timer()).isEqualTo(ProcNetTcp.Row.TIMER_TIME_WAIT);
        assertThat(row.inode()).isZero();
    }

    @Test
    void rowsComeInTableOrderAndUnknownTuplesAreEmpty() throws IOException {
        ProcNetTcp scan = scan(TCP, TCP6);

        assertThat(scan.rows()).extracting(ProcNetTcp.Row::tcp6).containsExactly(false, false, false, true, true, true);
        assertThat(scan.find(at("127.0.0.1", 40000), at("127.0.0.1", 8081))).isEmpty();
        assertThat(scan.find(at("127.0.0.1", 8080), at("127.0.0.1", 40000))).as("local and remote are not interchangeable").isEmpty();
    }

    @Test
    void aScanReadsOnlyTheTablesAskedForAndKeepsOnlyTheWantedPortPairs() throws IOException {
        write(TCP, TCP6);

        ProcNetTcp v4 = ProcNetTcp.scan(proc, true, false, (local, remote) -> local == 40002 && remote == 8080);
        assertThat(v4.rows()).extracting(ProcNetTcp.Row::local).containsExactly(at("127.0.0.1", 40002));
        ProcNetTcp v6 = ProcNetTcp.scan(proc, false, true, (local, remote) -> remote == 8080);
        assertThat(v6.rows()).extracting(ProcNetTcp.Row::local).containsExactly(at("127.0.0.1", 40004));
        assertThat(ProcNetTcp.scan(proc, false, false, ProcNetTcp.PortFilter.ALL).size()).isZero();
    }

    @Test
    void aBigEndianKernelPrintsAddressesTheOtherWayRound() throws IOException {
        write(TCP_HEADER + "   0: 7F000001:1F90 0A000002:9C40 01 00000000:00000000 00:00000000 00000000  1000        0 1 1 0\n", TCP6_HEADER);

        assertThat(ProcNetTcp.scan(proc, ByteOrder.BIG_ENDIAN).find(at("127.0.0.1", 8080), at("10.0.0.2", 40000))).isPresent();
    }

    @Test
    void withoutTcp6TheTableIsEmptyWithoutTcpItIsAnError() throws IOException {
        write(TCP, null);
        assertThat(ProcNetTcp.scan(proc, ByteOrder.LITTLE_ENDIAN).size()).isEqualTo(3);

        Files.delete(proc.resolve("net/tcp"));
        assertThatThrownBy(() -> ProcNetTcp.scan(proc, ByteOrder.LITTLE_ENDIAN)).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void aMalformedRowNamesTheFileAndTheLine() throws IOException {
        write(TCP_HEADER + "   0: 0100007F:1F90 00000000:0000 ZZ 00000000:00000000 00:00000000 00000000 0 0 1\n", TCP6_HEADER);

        assertThatThrownBy(() -> ProcNetTcp.scan(proc, ByteOrder.LITTLE_ENDIAN)).isInstanceOf(IOException.class)
                .hasMessageContaining("net/tcp: expected a hex number at column 35 of:    0: 0100007F:1F90 00000000:0000 ZZ");
    }

    @Test
    void aTableLargerThanOneReadIsReadWhole() throws IOException {
        StringBuilder tcp = new StringBuilder(TCP_HEADER);
        for (int i = 0; i < 5_000; i++) {
            tcp.append(String.format("%4d: 0100007F:%04X 0100007F:1F90 01 00000000:00000000 00:00000000 00000000  1000        0 %d 1 0000000000000000 20 4 30 10 -1%n",
                    i, 10_000 + i, 100_000 + i));
        }
        ProcNetTcp scan = scan(tcp.toString(), TCP6_HEADER);

        assertThat(scan.size()).isEqualTo(5_000);
        assertThat(scan.find(at("127.0.0.1", 14_999), at("127.0.0.1", 8080)).orElseThrow().inode()).isEqualTo(104_999);
    }

    private ProcNetTcp scan(String tcp, String tcp6) throws IOException {
        write(tcp, tcp6);
        return ProcNetTcp.scan(proc, ByteOrder.LITTLE_ENDIAN);
    }

    private void write(String tcp, String tcp6) throws IOException {
        Files.createDirectories(proc.resolve("net"));
        Files.writeString(proc.resolve("net/tcp"), tcp);
        if (tcp6 != null) {
            Files.writeString(proc.resolve("net/tcp6"), tcp6);
        }
    }

    private static InetSocketAddress at(String ip, int port) {
        return new InetSocketAddress(ip, port);
    }

    /** An IPv4-mapped IPv6 address kept as an Inet6Address, as InetAddress.getByAddress would not. */
    private static InetSocketAddress mapped(String ipv4, int port) throws IOException {
        byte[] v4 = InetAddress.getByName(ipv4).getAddress();
        byte[] v6 = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, v4[0], v4[1], v4[2], v4[3]};
        return new InetSocketAddress(Inet6Address.getByAddress(null, v6, -1), port);
    }
}
