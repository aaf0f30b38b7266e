package dev.synack.admin;

import dev.synack.admin.json.RequestDecoder;
import dev.synack.admin.json.ToxiproxyJson;
import dev.synack.admin.model.ApiException;
import dev.synack.admin.model.PopulateException;
import dev.synack.admin.model.ProxyCreate;
import dev.synack.admin.model.ProxyPatch;
import dev.synack.admin.model.ToxiproxyBackend;
import java.util.List;
import java.util.Map;

/**
 * The proxy routes of Toxiproxy's API, each with Toxiproxy's order of checks: the proxy is looked up
 * before the body is read, so an unknown proxy is a 404 whatever the body.
 */
final class ProxyEndpoints {
    private final ToxiproxyBackend backend;

    ProxyEndpoints(ToxiproxyBackend backend) {
        this.backend = backend;
    }

    /** {@code GET /proxies}: 200, an object of every proxy by name. */
    ApiResponse list(ApiRequest r, Map<String, String> v) {
        return Replies.json(200, ToxiproxyJson.proxies(backend.proxies()));
    }

    /** {@code POST /proxies}: 201 with the proxy. */
    ApiResponse create(ApiRequest r, Map<String, String> v) throws ApiException {
        ProxyCreate request = RequestDecoder.proxyCreate(r.body());
        return Replies.json(201, ToxiproxyJson.proxy(backend.create(request)));
    }

    /** {@code POST /populate}: 201 with every proxy; any error with its status, the error and the proxies done. */
    ApiResponse populate(ApiRequest r, Map<String, String> v) {
        List<ProxyCreate> entries;
        try {
            entries = RequestDecoder.populate(r.body());
        } catch (ApiException e) {
            return Replies.populateError(e, List.of());
        }
        try {
            return Replies.json(201, ToxiproxyJson.populate(backend.populate(entries), null));
        } catch (PopulateException e) {
            return Replies.populateError(e, e.done());
        }
    }

    /** {@code GET /proxies/{proxy}}: 200 with the proxy. */
    ApiResponse get(ApiRequest r, Map<String, String> v) throws ApiException {
        return Replies.json(200, ToxiproxyJson.proxy(backend.proxy(v.get("proxy"))));
    }

    /** {@code POST|PATCH /proxies/{proxy}}: 200 with the proxy as it now is. */
    ApiResponse update(ApiRequest r, Map<String, String> v) throws ApiException {
        String name = v.get("proxy");
        backend.proxy(name);
        ProxyPatch patch = RequestDecoder.proxyPatch(r.body());
        return Replies.json(200, ToxiproxyJson.proxy(backend.update(name, patch)));
    }

    /** {@code DELETE /proxies/{proxy}}: 204. */
    ApiResponse delete(ApiRequest r, Map<String, String> v) throws ApiException {
        backend.delete(v.get("proxy"));
        return Replies.noContent();
    }

    /** {@code POST /reset}: 204; the body is ignored. */
    ApiResponse reset(ApiRequest r, Map<String, String> v) throws ApiException {
        backend.reset();
        return Replies.noContent();
    }
}
