package dev.synack.admin;

import dev.synack.admin.model.ApiError;
import dev.synack.admin.model.ApiException;
import dev.synack.admin.model.PopulateException;
import dev.synack.admin.model.ProxyCreate;
import dev.synack.admin.model.ProxyPatch;
import dev.synack.admin.model.ProxyView;
import dev.synack.admin.model.ToxicCreate;
import dev.synack.admin.model.ToxicPatch;
import dev.synack.admin.model.ToxicView;
import dev.synack.admin.model.ToxiproxyBackend;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-memory backend that behaves as Toxiproxy does, binding nothing: a "bound" listen is the address
 * Go would print, with port 0 replaced by the next number from 20000, and two enabled proxies on one
 * address conflict as a bind would. {@link #trap} lets a test make the next call fail or hang.
 */
public final class FakeBackend implements ToxiproxyBackend {
    /** A proxy; {@code listen} is the bound address once started, as Toxiproxy stores it. */
    private static final class Proxy {
        final String name;
        String listen;
        String upstream;
        boolean enabled;
        final List<ToxicView> toxics = new ArrayList<>();

        Proxy(String name, String listen, String upstream) {
            this.name = name;
            this.listen = listen;
            this.upstream = upstream;
        }

        ProxyView view() {
            return new ProxyView(name, listen, upstream, enabled, toxics);
        }
    }

    private final Map<String, Proxy> proxies = new LinkedHashMap<>();
    private int nextPort = 20000;
    /** Runs at the start of every call; a test sets it to throw or block. */
    public volatile Runnable trap = () -> {};

    @Override
    public synchronized List<ProxyView> proxies() {
        trap.run();
        return proxies.values().stream().map(Proxy::view).toList();
    }

    @Override
    public synchronized ProxyView proxy(String name) throws ApiException {
        trap.run();
        return find(name).view();
    }

    @Override
    public synchronized ProxyView create(ProxyCreate r) throws ApiException {
        trap.run();
        if (proxies.containsKey(r.name())) {
            throw ApiError.PROXY_ALREADY_EXISTS.exception();
        }
        Proxy p = new Proxy(r.name(), r.listen(), r.upstream());
        if (r.enabled()) {
            start(p);
        }
        proxies.put(p.name, p);
        return p.view();
    }

    @Override
    public synchronized ProxyView update(String name, ProxyPatch patch) throws ApiException {
        trap.run();
        Proxy p = find(name);
        String listen = patch.listen() != null ? patch.listen() : p.listen;
        String upstream = patch.upstream() != null ? patch.upstream() : p.upstream;
        boolean enabled = patch.enabled() != null ? patch.enabled() : p.enabled;
        if (!FakeListen.resolve(listen).equals(p.listen) || !upstream.equals(p.upstream)) {
            p.enabled = false;
            p.listen = listen;
            p.upstream = upstream;
        }
        if (enabled && !p.enabled) {
            start(p);
        } else if (!enabled) {
            p.enabled = false;
        }
        return p.view();
    }

    @Override
    public synchronized void delete(String name) throws ApiException {
        trap.run();
        find(name);
        proxies.remove(name);
    }

    @Override
    public synchronized List<ProxyView> populate(List<ProxyCreate> entries) throws PopulateException {
        trap.run();
        List<ProxyView> done = new ArrayList<>();
        for (ProxyCreate r : entries) {
            try {
                Proxy old = proxies.get(r.name());
                if (old == null || !FakeListen.resolve(r.listen()).equals(old.listen) || !r.upstream().equals(old.upstream)) {
                    proxies.remove(r.name());
                    done.add(create(r));
                } else {
                    done.add(old.view());
                }
            } catch (ApiException e) {
                throw new PopulateException(e, done);
            }
        }
        return done;
    }

    @Override
    public synchronized ToxicView addToxic(String proxy, ToxicCreate r) throws ApiException {
        trap.run();
        Proxy p = find(proxy);
        if (!FakeToxicTypes.TYPES.containsKey(r.type())) {
            throw ApiError.INVALID_TOXIC_TYPE.exception();
        }
        if (p.toxics.stream().anyMatch(t -> t.name().equals(r.name()))) {
            throw ApiError.TOXIC_ALREADY_EXISTS.exception();
        }
        Map<String, Object> attributes = FakeToxicTypes.merge(r.type(), FakeToxicTypes.defaults(r.type()), r.attributes());
        ToxicView t = new ToxicView(r.name(), r.type(), r.stream(), r.toxicity(), attributes);
        p.toxics.add(t);
        return t;
    }

    @Override
    public synchronized ToxicView toxic(String proxy, String toxic) throws ApiException {
        trap.run();
        return p(find(proxy), toxic);
    }

    @Override
    public synchronized ToxicView updateToxic(String proxy, String toxic, ToxicPatch patch) throws ApiException {
        trap.run();
        Proxy p = find(proxy);
        ToxicView t = p(p, toxic);
        Map<String, Object> attributes = FakeToxicTypes.merge(t.type(), t.attributes(), patch.attributes());
        ToxicView updated = new ToxicView(t.name(), t.type(), t.stream(),
                patch.toxicity() != null ? patch.toxicity() : t.toxicity(), attributes);
        p.toxics.set(p.toxics.indexOf(t), updated);
        return updated;
    }

    @Override
    public synchronized void removeToxic(String proxy, String toxic) throws ApiException {
        trap.run();
        Proxy p = find(proxy);
        p.toxics.remove(p(p, toxic));
    }

    @Override
    public synchronized void reset() throws ApiException {
        trap.run();
        for (Proxy p : proxies.values()) {
            if (!p.enabled) {
                start(p);
            }
            p.toxics.clear();
        }
    }

    private Proxy find(String name) throws ApiException {
        Proxy p = proxies.get(name);
        if (p == null) {
            throw ApiError.PROXY_NOT_FOUND.exception();
        }
        return p;
    }

    private static ToxicView p(Proxy p, String toxic) throws ApiException {
        return p.toxics.stream().filter(t -> t.name().equals(toxic)).findFirst()
                .orElseThrow(ApiError.TOXIC_NOT_FOUND::exception);
    }

    /** "Binds" a proxy's listen: the address Go would print, or the error a bind would give. */
    private void start(Proxy p) throws ApiException {
        String bound = FakeListen.bind(p.listen, () -> nextPort++);
        for (Proxy other : proxies.values()) {
            if (other != p && other.enabled && other.listen.equals(bound)) {
                throw ApiError.LISTEN_FAILED.exception("listen tcp " + bound + ": bind: address already in use");
            }
        }
        p.listen = bound;
        p.enabled = true;
    }
}
