package dev.synack.admin;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Who may use the admin API. Loopback is the default and needs nothing; any other bind needs a token,
 * unless {@code insecure} says explicitly that the network is trusted (a test network, a container's own).
 * A configured token is required on every bind, loopback included.
 */
public final class AdminAccess {
    /** What a bind is allowed to do. */
    public enum Decision {
        /** Loopback, no token: only this machine can reach it. */
        LOOPBACK,
        /** A token is configured: every request must carry it. */
        TOKEN,
        /** Not loopback, no token, {@code insecure: true}: anyone who can reach it can drive it. Warn. */
        INSECURE,
        /** Not loopback, no token, not insecure: refuse to start. */
        REFUSED
    }

    private AdminAccess() {}

    /** The decision for a bind to {@code address}; every 127/8 address and ::1 count as loopback. */
    public static Decision decide(InetAddress address, String token, boolean insecure) {
        if (token != null) {
            return Decision.TOKEN;
        }
        if (address.isLoopbackAddress()) {
            return Decision.LOOPBACK;
        }
        return insecure ? Decision.INSECURE : Decision.REFUSED;
    }

    /**
     * Whether an {@code Authorization} header carries the token, compared in constant time: both sides are
     * hashed first, so neither the content nor the length of the token leaks through timing.
     */
    public static boolean authorized(String authorizationHeader, String token) {
        if (token == null) {
            return true;
        }
        String presented = "";
        if (authorizationHeader != null && authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            presented = authorizationHeader.substring(7).strip();
        }
        return MessageDigest.isEqual(sha256(presented), sha256(token));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
