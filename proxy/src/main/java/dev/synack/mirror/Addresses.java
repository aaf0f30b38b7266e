package dev.synack.mirror;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** Socket addresses as the admin API writes them: {@code 127.0.0.1:8080}, {@code [::1]:8080}, IPv4-mapped shown as IPv4. */
final class Addresses {
    private Addresses() {}

    static String text(InetSocketAddress a) {
        if (a == null) {
            return null;
        }
        InetAddress ip = a.getAddress();
        if (ip == null) {
            return a.getHostString() + ":" + a.getPort();
        }
        if (ip instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            boolean mapped = b[10] == (byte) 0xff && b[11] == (byte) 0xff && Arrays.equals(b, 0, 10, new byte[10], 0, 10);
            if (mapped) {
                try {
                    ip = InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16));
                } catch (UnknownHostException e) {
                    throw new IllegalStateException("four bytes are an IPv4 address", e);
                }
            }
        }
        String host = ip.getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
    }
}
