package dev.synack.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A block of IPv4 or IPv6 addresses ({@code 10.0.0.0/8}, {@code fd00::/8}, or one address), used to limit
 * a fault to some clients. Only literal addresses are accepted: a host name here would need a DNS lookup
 * while the config loads, and would match nothing once it resolved differently.
 */
public record Cidr(InetAddress network, int prefix) {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    public Cidr {
        int bits = network.getAddress().length * 8;
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("prefix " + prefix + " out of 0.." + bits);
        }
        network = masked(network, prefix);
    }

    /**
     * The block {@code text} names, or null if it is none. Host bits below the prefix are cleared
     * ({@code 10.1.2.3/8} is {@code 10.0.0.0/8}), as ip(8) does; a bare address is a block of one.
     */
    public static Cidr parse(String text) {
        int slash = text.indexOf('/');
        String host = slash < 0 ? text : text.substring(0, slash);
        InetAddress address = literal(host);
        if (address == null) {
            return null;
        }
        int bits = address.getAddress().length * 8;
        if (slash < 0) {
            return new Cidr(address, bits);
        }
        String p = text.substring(slash + 1);
        if (!p.matches("\\d{1,3}") || Integer.parseInt(p) > bits) {
            return null;
        }
        return new Cidr(address, Integer.parseInt(p));
    }

    /** Whether {@code address} is in this block; an IPv4-mapped IPv6 address counts as its IPv4 address. */
    public boolean contains(InetAddress address) {
        byte[] a = unmapped(address.getAddress());
        byte[] n = network.getAddress();
        return a.length == n.length && Arrays.equals(masked(a, prefix), n);
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefix;
    }

    private static InetAddress literal(String host) {
        Matcher v4 = IPV4.matcher(host);
        boolean ok = v4.matches() ? octets(v4) : IPV6.matcher(host).matches();
        if (!ok) {
            return null;
        }
        try {
            // A literal: getByName parses it without any lookup.
            return InetAddress.getByAddress(unmapped(InetAddress.getByName(host).getAddress()));
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static boolean octets(Matcher m) {
        for (int i = 1; i <= 4; i++) {
            if (Integer.parseInt(m.group(i)) > 255) {
                return false;
            }
        }
        return true;
    }

    /** The 4 bytes of an IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}); other addresses as they are. */
    private static byte[] unmapped(byte[] a) {
        if (a.length != 16) {
            return a;
        }
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return a;
            }
        }
        return a[10] == (byte) 0xff && a[11] == (byte) 0xff ? Arrays.copyOfRange(a, 12, 16) : a;
    }

    private static InetAddress masked(InetAddress a, int prefix) {
        try {
            return InetAddress.getByAddress(masked(a.getAddress(), prefix));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static byte[] masked(byte[] a, int prefix) {
        byte[] m = a.clone();
        for (int i = 0; i < m.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            m[i] &= (byte) (0xff00 >> keep);
        }
        return m;
    }
}
