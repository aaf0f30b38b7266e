package dev.synack.admin.model;

import java.util.Objects;

/**
 * A request to create a proxy ({@code POST /proxies}, one entry of {@code /populate} or of a {@code -config}
 * file). The API has checked that {@code name} and {@code upstream} are not empty; nothing else.
 *
 * @param listen   {@code host:port} as given; {@code ""} means any interface and a free port, {@code :p}
 *                 any interface and port p (Go's {@code net.Listen})
 * @param upstream {@code host:port} of the service, as given
 * @param enabled  listen at once (default {@code true})
 */
public record ProxyCreate(String name, String listen, String upstream, boolean enabled) {
    public ProxyCreate {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(upstream, "upstream");
    }
}
