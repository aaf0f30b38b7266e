package dev.synack.admin.backend;

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
import dev.synack.config.HostPort;
import dev.synack.config.ProxySpec;
import dev.synack.proxy.ProxyRegistry;
import dev.synack.proxy.ProxyServer;
import dev.synack.proxy.RegistryException;
import java.util.ArrayList;
import java.util.List;

/**
 * Toxiproxy's API over the live {@link ProxyRegistry}: one model, two doors. A proxy made here is a proxy
 * of the registry with synack's defaults ({@link ProxySpec#of}), its upstream host name resolved at every
 * connect; a proxy from config is listed, changed and deleted here like any other. Toxics are faults
 * ({@link Toxics}). {@code enabled: false} closes the listener and resets every connection; enabling binds
 * the same address again at once. Calls are serialized (the API makes one at a time; code may not).
 */
public final class RegistryBackend implements ToxiproxyBackend {
    private final ProxyRegistry registry;
    private final ApiSpellings spellings = new ApiSpellings();
    private final ProxyViews views = new ProxyViews(spellings);
    private final Toxics toxics;

    /** @param nativeTransport whether the relay runs on epoll or io_uring, which some fault types need */
    public RegistryBackend(ProxyRegistry registry, boolean nativeTransport) {
        this.registry = registry;
        this.toxics = new Toxics(registry, spellings, views, nativeTransport);
    }

    @Override
    public synchronized List<ProxyView> proxies() {
        return registry.list().stream().map(views::proxy).toList();
    }

    @Override
    public synchronized ProxyView proxy(String name) throws ApiException {
        return views.proxy(find(name));
    }

    @Override
    public synchronized ProxyView create(ProxyCreate r) throws ApiException {
        if (registry.get(r.name()).isPresent()) {
            throw ApiError.PROXY_ALREADY_EXISTS.exception();
        }
        HostPort listen = ApiAddresses.listen(r.listen());
        HostPort upstream = ApiAddresses.upstream(r.upstream());
        ProxyServer p;
        try {
            p = registry.add(ProxySpec.of(r.name(), listen, upstream), r.enabled());
        } catch (RegistryException e) {
            throw RegistryErrors.proxy(e, r.listen());
        }
        spellings.proxy(p, r.listen(), r.upstream());
        return views.proxy(p);
    }

    /**
     * Toxiproxy's update: a new listen (compared resolved, with the address bound and the one configured)
     * or upstream (compared as text) stops the proxy and stores the new values; then the proxy starts or
     * stops as {@code enabled} (by default its state) says. A bind that fails leaves it stopped.
     */
    @Override
    public synchronized ProxyView update(String name, ProxyPatch patch) throws ApiException {
        ProxyServer p = find(name);
        HostPort listen = patch.listen() == null ? null : ApiAddresses.listen(patch.listen());
        HostPort upstream = patch.upstream() == null ? null : ApiAddresses.upstream(patch.upstream());
        boolean moveListen = listen != null && !views.sameListen(p, listen);
        boolean moveUpstream = upstream != null && !patch.upstream().equals(views.upstream(p));
        boolean enabled = patch.enabled() != null ? patch.enabled() : p.isListening();
        try {
            if (moveListen || moveUpstream) {
                String listenText = moveListen ? patch.listen() : spellings.listen(p);
                String upstreamText = moveUpstream ? patch.upstream() : spellings.upstream(p);
                registry.disable(name, true);
                ProxySpec spec = p.spec();
                spec = moveListen ? spec.withListen(listen) : spec;
                spec = moveUpstream ? spec.withUpstreams(List.of(upstream)) : spec;
                registry.update(spec);
                spellings.proxy(p, listenText, upstreamText);
            }
            if (enabled && !p.isListening()) {
                registry.enable(name);
            } else if (!enabled && p.isListening()) {
                registry.disable(name, true);
            }
        } catch (RegistryException e) {
            throw RegistryErrors.proxy(e, views.listen(p));
        }
        return views.proxy(p);
    }

    @Override
    public synchronized void delete(String name) throws ApiException {
        try {
            registry.remove(name, true);
        } catch (RegistryException e) {
            throw RegistryErrors.proxy(e, name);
        }
    }

    /**
     * Toxiproxy's add-or-replace, in order: a proxy of the same name with the same listen (resolved) and
     * upstream is kept as it is, toxics, connections and state included; one that differs is removed (its
     * connections reset) and made anew without toxics; a new name is created.
     */
    @Override
    public synchronized List<ProxyView> populate(List<ProxyCreate> entries) throws PopulateException {
        List<ProxyView> done = new ArrayList<>();
        for (ProxyCreate r : entries) {
            try {
                ProxyServer old = registry.get(r.name()).orElse(null);
                if (old != null) {
                    HostPort listen = ApiAddresses.listen(r.listen());
                    ApiAddresses.upstream(r.upstream());
                    if (views.sameListen(old, listen) && r.upstream().equals(views.upstream(old))) {
                        done.add(views.proxy(old));
                        continue;
                    }
                    delete(r.name());
                }
                done.add(create(r));
            } catch (ApiException e) {
                throw new PopulateException(e, done);
            }
        }
        return done;
    }

    @Override
    public synchronized ToxicView addToxic(String proxy, ToxicCreate request) throws ApiException {
        return toxics.add(find(proxy), request);
    }

    @Override
    public synchronized ToxicView toxic(String proxy, String toxic) throws ApiException {
        return toxics.get(find(proxy), toxic);
    }

    @Override
    public synchronized ToxicView updateToxic(String proxy, String toxic, ToxicPatch patch) throws ApiException {
        return toxics.update(find(proxy), toxic, patch);
    }

    @Override
    public synchronized void removeToxic(String proxy, String toxic) throws ApiException {
        toxics.remove(find(proxy), toxic);
    }

    /** Every proxy enabled on its stored address, every toxic removed; stops at the first that cannot bind. */
    @Override
    public synchronized void reset() throws ApiException {
        for (ProxyServer p : registry.list()) {
            try {
                registry.enable(p.name());
                registry.replaceFaults(p.name(), List.of());
            } catch (RegistryException e) {
                if (e.kind() != RegistryException.Kind.NOT_FOUND) {
                    throw RegistryErrors.proxy(e, views.listen(p));
                }
            }
        }
    }

    private ProxyServer find(String name) throws ApiException {
        return registry.get(name).orElseThrow(ApiError.PROXY_NOT_FOUND::exception);
    }
}
