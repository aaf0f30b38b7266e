package dev.synack.config;

/** Where the admin HTTP API listens (served by a later component; the address is validated now). */
public record AdminSpec(HostPort listen) {
    public static final AdminSpec DEFAULT = new AdminSpec(new HostPort("127.0.0.1", 8474));
}
