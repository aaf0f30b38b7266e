package dev.synack.config;

/** A host (name or literal address) and a TCP port, as written in config ({@code 127.0.0.1:8080}, {@code [::1]:80}). */
public record HostPort(String host, int port) {
    /**
     * Parses {@code host:port} or {@code [v6]:port} as config does, without resolving the host; null if the
     * text is neither. The port is not range-checked.
     */
    public static HostPort parse(String text) {
        return Addresses.parse(text);
    }

    @Override
    public String toString() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
