package dev.synack.admin.model;

import java.util.List;
import java.util.Objects;

/**
 * A proxy as the API shows it.
 *
 * @param name     its unique name
 * @param listen   the bound address as Toxiproxy prints it ({@link GoAddress#format}): {@code 127.0.0.1:26379},
 *                 the real port where {@code :0} was asked, {@code [::]:8666} for a wildcard; a proxy that is
 *                 disabled and was never bound keeps the text it was given
 * @param upstream the upstream as given, verbatim
 * @param enabled  whether it is listening
 * @param toxics   its toxics in insertion order, both streams (the API lists upstream ones first)
 */
public record ProxyView(String name, String listen, String upstream, boolean enabled, List<ToxicView> toxics) {
    public ProxyView {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(upstream, "upstream");
        toxics = List.copyOf(toxics);
    }
}
