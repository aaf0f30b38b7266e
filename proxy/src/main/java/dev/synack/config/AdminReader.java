package dev.synack.config;

import java.util.regex.Pattern;

/**
 * Reads the {@code admin} block: {@code listen} ({@code host:port}, or {@code off} / {@code false} for no
 * API), {@code token} and {@code insecure}, and refuses an API other machines could reach (any address but
 * loopback) unless a token is set or {@code insecure: true} says the network is trusted. A token is never
 * echoed in an error.
 */
final class AdminReader {
    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7e]{16,256}");

    private AdminReader() {}

    static AdminSpec read(Node n) {
        Node listenNode = n.get("listen");
        boolean off = listenNode.present() && (listenNode.value().isBoolean() && !listenNode.value().booleanValue()
                || listenNode.value().isTextual() && listenNode.value().textValue().equals("off"));
        HostPort listen = off ? null : Values.or(listen(listenNode), AdminSpec.DEFAULT.listen());
        String token = token(n.get("token"));
        Boolean insecure = n.get("insecure").bool();
        boolean exposed = listen != null && !Addresses.loopback(listen.host());
        if (exposed && token == null && !n.get("token").present() && !Boolean.TRUE.equals(insecure)) {
            (listenNode.present() ? listenNode : n).fail(Expect.ADMIN_EXPOSED);
        }
        return new AdminSpec(listen, token, Boolean.TRUE.equals(insecure));
    }

    private static HostPort listen(Node n) {
        if (n.present() && n.value().isBoolean()) {
            return n.fail(Expect.ADMIN_LISTEN);
        }
        return Values.hostPort(n, 0);
    }

    private static String token(Node n) {
        if (!n.present()) {
            return null;
        }
        if (!n.value().isTextual()) {
            return n.fail(Expect.ADMIN_TOKEN);
        }
        String t = n.value().textValue();
        return TOKEN.matcher(t).matches() ? t : n.report("(hidden, " + t.length() + " characters)", Expect.ADMIN_TOKEN);
    }
}
