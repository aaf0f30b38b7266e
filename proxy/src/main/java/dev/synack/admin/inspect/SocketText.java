package dev.synack.admin.inspect;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** A socket address as synack's routes write it, as the mirror does: {@code 127.0.0.1:8080}, {@code [::1]:8080}, IPv4-mapped as IPv4. */
final class SocketText {
    private SocketText() {}

    static String of(InetSocketAddress a) {
        if (a == null) {
            return null;
        }
        InetAddress ip = a.getAddress();
        if (ip == null) {
            return a.getHostString() + ":" + a.getPort();
        }
        if (ip instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            if (b[10] == (byte) 0xff && b[11] == (byte) 0xff && Arrays.equals(b, 0, 10, new byte[10], 0, 10)) {
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
