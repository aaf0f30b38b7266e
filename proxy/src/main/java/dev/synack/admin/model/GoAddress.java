package dev.synack.admin.model;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Formats a bound address as Toxiproxy reports a proxy's {@code listen} (Go's {@code Addr().String()}):
 * {@code 127.0.0.1:3310}, {@code [::1]:3310}, and {@code [::]:8666} for a wildcard of either family, since
 * Go listens dual-stack there. IPv6 is written in RFC 5952's compressed form, as Go writes it.
 */
public final class GoAddress {
    private GoAddress() {}

    public static String format(InetSocketAddress bound) {
        InetAddress a = bound.getAddress();
        if (a == null) {
            return bound.getHostString() + ":" + bound.getPort();
        }
        if (a.isAnyLocalAddress()) {
            return "[::]:" + bound.getPort();
        }
        if (a instanceof Inet6Address v6) {
            return "[" + compress(v6.getAddress()) + "]:" + bound.getPort();
        }
        return a.getHostAddress() + ":" + bound.getPort();
    }

    /** RFC 5952: lower-case hex, no leading zeros, the longest run (two or more) of zero groups as {@code ::}. */
    static String compress(byte[] address) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((address[2 * i] & 0xff) << 8) | (address[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLength - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.toString();
    }
}
