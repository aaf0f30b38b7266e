package dev.synack.admin.model;

/**
 * A change to a proxy ({@code POST} or {@code PATCH /proxies/{name}}). A null field keeps its value; an
 * empty string is a value ({@code listen: ""} means any interface, a free port). A name cannot change.
 */
public record ProxyPatch(String listen, String upstream, Boolean enabled) {
}
