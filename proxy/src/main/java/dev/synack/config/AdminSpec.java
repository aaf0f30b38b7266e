package dev.synack.config;

/**
 * The admin HTTP API: where it listens ({@code null} when {@code listen: off}), the bearer token every
 * request must carry ({@code null} for none), and whether a bind other machines can reach may go without a
 * token ({@code insecure}, for trusted test networks; the loader refuses such a bind otherwise).
 */
public record AdminSpec(HostPort listen, String token, boolean insecure) {
    public static final AdminSpec DEFAULT = new AdminSpec(new HostPort("127.0.0.1", 8474), null, false);

    /** Listening on {@code listen}, with no token and not insecure. */
    public AdminSpec(HostPort listen) {
        this(listen, null, false);
    }

    /** Whether the API is served at all. */
    public boolean enabled() {
        return listen != null;
    }

    /** Hides the token, so that logging a spec cannot leak it. */
    @Override
    public String toString() {
        return "AdminSpec[listen=" + (listen == null ? "off" : listen) + ", token=" + (token == null ? "none" : "(set)")
                + ", insecure=" + insecure + "]";
    }
}
