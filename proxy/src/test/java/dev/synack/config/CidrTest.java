package dev.synack.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

/** Parsing CIDR blocks (literals only) and matching client addresses against them, IPv4 and IPv6. */
class CidrTest {
    private static InetAddress ip(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal);
    }

    @Test
    void ipv4Blocks() throws UnknownHostException {
        Cidr c = Cidr.parse("10.1.2.3/8");
        assertThat(c).hasToString("10.0.0.0/8");
        assertThat(c.contains(ip("10.200.0.1"))).isTrue();
        assertThat(c.contains(ip("11.0.0.1"))).isFalse();
        assertThat(Cidr.parse("127.0.0.1").contains(ip("127.0.0.1"))).isTrue();
        assertThat(Cidr.parse("127.0.0.1").contains(ip("127.0.0.2"))).isFalse();
        assertThat(Cidr.parse("0.0.0.0/0").contains(ip("203.0.113.9"))).isTrue();
        assertThat(Cidr.parse("192.168.0.0/23").contains(ip("192.168.1.255"))).isTrue();
        assertThat(Cidr.parse("192.168.0.0/23").contains(ip("192.168.2.0"))).isFalse();
    }

    @Test
    void ipv6Blocks() throws UnknownHostException {
        Cidr c = Cidr.parse("fd00::/8");
        assertThat(c.contains(ip("fd12:3456::1"))).isTrue();
        assertThat(c.contains(ip("fe80::1"))).isFalse();
        assertThat(c.contains(ip("10.0.0.1"))).isFalse();
        assertThat(Cidr.parse("::1/128").contains(ip("::1"))).isTrue();
    }

    @Test
    void ipv4MappedAddressesMatchIpv4Blocks() throws UnknownHostException {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 127, 0, 0, 1};
        InetAddress v6 = java.net.Inet6Address.getByAddress(null, mapped, -1);
        assertThat(Cidr.parse("127.0.0.0/8").contains(v6)).isTrue();
        assertThat(Cidr.parse("::ffff:127.0.0.1").toString()).isEqualTo("127.0.0.1/32");
    }

    @Test
    void rejectsWhatIsNoLiteralBlock() {
        for (String bad : new String[] {"example.com", "10.0.0.0/33", "::1/129", "10.0.0", "1.2.3.256", "10.0.0.0/", "10.0.0.0/-1",
                "", "/8", "fe80::1%eth0"}) {
            assertThat(Cidr.parse(bad)).as(bad).isNull();
        }
    }
}
