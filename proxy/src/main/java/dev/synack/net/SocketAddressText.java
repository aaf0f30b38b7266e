package dev.synack.net;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * A socket address as synack writes it in its routes, records and diagrams: {@code 127.0.0.1:8080},
 * {@code [::1]:8080}, an IPv4-mapped address as IPv4 (what a dual-stack socket reports for an IPv4 peer).
 */
public final class SocketAddressText {
    private SocketAddressText() {}

    /** The address as text; null for null. */
    public static String of(InetSocketAddress a) {
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
