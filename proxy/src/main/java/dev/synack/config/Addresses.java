package dev.synack.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Parses {@code host:port} and {@code [v6]:port} without resolving names, and normalizes addresses so that
 * two spellings of one listen address ({@code [::1]:80}, {@code [0:0:0:0:0:0:0:1]:80}) are seen as the same.
 */
final class Addresses {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_.-]{0,252})");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%[A-Za-z0-9_.-]+)?");
    private static final Pattern PORT = Pattern.compile("\\d{1,5}");
    /**
     * Longer than any {@code host:port} (a 253-character name, or a bracketed IPv6 literal with a zone):
     * checked first, because IPV6 backtracks quadratically on a long run of colons (100,000 took 70 s).
     */
    private static final int MAX_LENGTH = 300;

    private Addresses() {}

    /** The address, or null if the text is not {@code host:port} (the port is not range-checked here). */
    static HostPort parse(String text) {
        if (text.length() > MAX_LENGTH) {
            return null;
        }
        String host;
        String port;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0 || close + 1 >= text.length() || text.charAt(close + 1) != ':') {
                return null;
            }
            host = text.substring(1, close);
            port = text.substring(close + 2);
            if (!IPV6.matcher(host).matches() || canonical(host) == null) {
                return null;
            }
        } else {
            int colon = text.lastIndexOf(':');
            if (colon < 0) {
                return null;
            }
            host = text.substring(0, colon);
            port = text.substring(colon + 1);
            boolean ok = IPV4.matcher(host).matches() ? canonical(host) != null : NAME.matcher(host).matches();
            if (!ok) {
                return null;
            }
        }
        return PORT.matcher(port).matches() ? new HostPort(host, Integer.parseInt(port)) : null;
    }

    /**
     * Whether a host is loopback without asking DNS: {@code localhost}, any 127/8 literal, or {@code ::1}.
     * Any other name counts as not loopback, since only a lookup could tell.
     */
    static boolean loopback(String host) {
        String literal = canonical(host.toLowerCase(Locale.ROOT));
        if (literal == null) {
            return host.equalsIgnoreCase("localhost");
        }
        return literal.startsWith("127.") || literal.equals("0:0:0:0:0:0:0:1");
    }

    /** A key equal for equal addresses: literals in canonical form, names in lower case. */
    static String normalized(HostPort hp) {
        String host = hp.host().toLowerCase(Locale.ROOT);
        String literal = canonical(host);
        return (literal != null ? literal : host) + "|" + hp.port();
    }

    /**
     * The canonical text of an IP literal, or null if {@code host} is not one. Never a DNS lookup: IPv4 is
     * checked here, and the JDK reads a bracketed host as an IPv6 literal or fails.
     */
    static String canonical(String host) {
        if (IPV4.matcher(host).matches()) {
            for (String octet : host.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    return null;
                }
            }
            return host.replaceAll("(^|\\.)0+(\\d)", "$1$2");
        }
        if (host.indexOf(':') < 0) {
            return null;
        }
        // The zone (%eth0) is kept as written: whether that interface exists is for bind time, not config.
        int zone = host.indexOf('%');
        String address = zone < 0 ? host : host.substring(0, zone);
        try {
            return InetAddress.getByName("[" + address + "]").getHostAddress() + (zone < 0 ? "" : host.substring(zone));
        } catch (UnknownHostException notAnIpv6Literal) {
            return null;
        }
    }
}
