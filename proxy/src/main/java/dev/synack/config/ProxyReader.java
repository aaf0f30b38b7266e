package dev.synack.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Reads one entry of {@code proxies} into a {@link ProxySpec}; the blocks inside it are read by their own readers. */
final class ProxyReader {
    static final List<String> KEYS = List.of("name", "listen", "upstream", "upstreams", "connect", "on_upstream_failure",
            "on_peer_reset", "limits", "buffers", "downstream", "upstream_socket", "faults");

    static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final int UPSTREAM_MIN_PORT = 1;
    private static final int LISTEN_MIN_PORT = 0;

    private ProxyReader() {}

    /** The proxy, or null if the entry is not a mapping (that error is recorded). */
    static ProxySpec read(Node n) {
        if (!n.present()) {
            return n.fail(Expect.mappingOf(KEYS));
        }
        if (!n.mapping(KEYS, Expect.mappingOf(KEYS))) {
            return null;
        }
        return new ProxySpec(
                name(n.get("name")),
                listen(n.get("listen")),
                upstreams(n),
                ProxyBlocks.connect(n.get("connect")),
                Values.or(closeAction(n.get("on_upstream_failure")), Defaults.ON_UPSTREAM_FAILURE),
                Values.or(closeAction(n.get("on_peer_reset")), Defaults.ON_PEER_RESET),
                ProxyBlocks.limits(n.get("limits")),
                ProxyBlocks.buffers(n.get("buffers")),
                SocketReader.read(n.get("downstream"), true),
                SocketReader.read(n.get("upstream_socket"), false),
                FaultReader.read(n.get("faults")));
    }

    private static String name(Node n) {
        if (!n.require(Expect.NAME)) {
            return null;
        }
        String name = n.text(Expect.NAME);
        return name == null || NAME.matcher(name).matches() ? name : n.fail(Expect.NAME);
    }

    private static HostPort listen(Node n) {
        return n.require(Expect.HOST_PORT) ? Values.hostPort(n, LISTEN_MIN_PORT) : null;
    }

    /** Exactly one of {@code upstream} (one address) and {@code upstreams} (a non-empty list, tried in order). */
    private static List<HostPort> upstreams(Node proxy) {
        Node one = proxy.get("upstream");
        Node many = proxy.get("upstreams");
        if (one.present() && many.present()) {
            one.fail(Expect.ONE_UPSTREAM_FORM);
            return List.of();
        }
        if (one.present()) {
            HostPort hp = Values.hostPort(one, UPSTREAM_MIN_PORT);
            return hp == null ? List.of() : List.of(hp);
        }
        if (!many.present()) {
            one.report("missing", Expect.UPSTREAM);
            return List.of();
        }
        List<Node> items = many.list(Expect.UPSTREAMS);
        if (items == null) {
            return List.of();
        }
        if (items.isEmpty()) {
            many.fail(Expect.UPSTREAMS);
        }
        List<HostPort> result = new ArrayList<>();
        for (Node item : items) {
            HostPort hp = item.require(Expect.HOST_PORT) ? Values.hostPort(item, UPSTREAM_MIN_PORT) : null;
            if (hp != null) {
                result.add(hp);
            }
        }
        return result;
    }

    private static CloseAction closeAction(Node n) {
        return Values.choice(n, CloseAction.values(), a -> a.name().toLowerCase(Locale.ROOT));
    }
}
