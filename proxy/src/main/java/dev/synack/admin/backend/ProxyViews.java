package dev.synack.admin.backend;

import dev.synack.admin.model.ApiException;
import dev.synack.admin.model.GoAddress;
import dev.synack.admin.model.ProxyView;
import dev.synack.admin.model.ToxicView;
import dev.synack.config.HostPort;
import dev.synack.fault.Fault;
import dev.synack.proxy.ProxyServer;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A live proxy and its faults as Toxiproxy shows them: {@code listen} is the bound address as Go prints
 * it ({@link GoAddress}), or, for a proxy not bound since its address was set, the text it was given;
 * {@code upstream} is the text the API was sent, or the config's (several upstreams joined with commas);
 * every attribute of a toxic is listed, and its {@code stream} is spelled as it was sent.
 */
final class ProxyViews {
    private final ApiSpellings spellings;

    ProxyViews(ApiSpellings spellings) {
        this.spellings = spellings;
    }

    ProxyView proxy(ProxyServer p) {
        List<ToxicView> toxics = p.faults().stream().map(f -> toxic(p, f)).toList();
        return new ProxyView(p.name(), listen(p), upstream(p), p.isListening(), toxics);
    }

    ToxicView toxic(ProxyServer p, Fault f) {
        return new ToxicView(f.name(), f.type().name(), spellings.stream(p, f), (float) f.toxicity(),
                new LinkedHashMap<>(f.attributeValues()));
    }

    String listen(ProxyServer p) {
        InetSocketAddress bound = p.address();
        if (bound != null) {
            return GoAddress.format(bound);
        }
        String sent = spellings.listen(p);
        boolean current = sent != null && Objects.equals(parseListen(sent), p.spec().listen());
        return current ? sent : p.spec().listen().toString();
    }

    String upstream(ProxyServer p) {
        List<HostPort> upstreams = p.spec().upstreams();
        String sent = spellings.upstream(p);
        if (sent != null && upstreams.size() == 1 && upstreams.get(0).equals(HostPort.parse(sent))) {
            return sent;
        }
        return upstreams.stream().map(HostPort::toString).collect(Collectors.joining(","));
    }

    /**
     * Whether {@code wanted} is where the proxy listens already: resolved, it equals the address bound or
     * the address configured ({@code 127.0.0.1:0} stays itself rather than moving to another free port).
     */
    boolean sameListen(ProxyServer p, HostPort wanted) throws ApiException {
        InetSocketAddress resolved = ApiAddresses.resolve(wanted);
        if (ApiAddresses.same(resolved, p.address())) {
            return true;
        }
        try {
            return ApiAddresses.same(resolved, ApiAddresses.resolve(p.spec().listen()));
        } catch (ApiException unresolvable) {
            return false;
        }
    }

    private static HostPort parseListen(String text) {
        try {
            return ApiAddresses.listen(text);
        } catch (ApiException e) {
            return null;
        }
    }
}
