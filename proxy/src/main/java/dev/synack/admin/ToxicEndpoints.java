package dev.synack.admin;

import dev.synack.admin.json.RequestDecoder;
import dev.synack.admin.json.ToxiproxyJson;
import dev.synack.admin.model.ApiException;
import dev.synack.admin.model.ToxicCreate;
import dev.synack.admin.model.ToxicPatch;
import dev.synack.admin.model.ToxicView;
import dev.synack.admin.model.ToxiproxyBackend;
import java.util.Map;

/**
 * The toxic routes of Toxiproxy's API. As in Toxiproxy, the proxy (and for an update, the toxic) is looked
 * up before the body is read, and adding a toxic answers 200, not 201.
 */
final class ToxicEndpoints {
    private final ToxiproxyBackend backend;

    ToxicEndpoints(ToxiproxyBackend backend) {
        this.backend = backend;
    }

    /** {@code GET /proxies/{proxy}/toxics}: 200, upstream toxics first. */
    ApiResponse list(ApiRequest r, Map<String, String> v) throws ApiException {
        return Replies.json(200, ToxiproxyJson.toxics(backend.proxy(v.get("proxy")).toxics()));
    }

    /** {@code POST /proxies/{proxy}/toxics}: 200 with the toxic. */
    ApiResponse add(ApiRequest r, Map<String, String> v) throws ApiException {
        String proxy = v.get("proxy");
        backend.proxy(proxy);
        ToxicCreate request = RequestDecoder.toxicCreate(r.body());
        return Replies.json(200, ToxiproxyJson.toxic(backend.addToxic(proxy, request)));
    }

    /** {@code GET /proxies/{proxy}/toxics/{toxic}}: 200 with the toxic. */
    ApiResponse get(ApiRequest r, Map<String, String> v) throws ApiException {
        return Replies.json(200, ToxiproxyJson.toxic(backend.toxic(v.get("proxy"), v.get("toxic"))));
    }

    /** {@code POST|PATCH /proxies/{proxy}/toxics/{toxic}}: attributes merged; 200 with the toxic. */
    ApiResponse update(ApiRequest r, Map<String, String> v) throws ApiException {
        ToxicView current = backend.toxic(v.get("proxy"), v.get("toxic"));
        ToxicPatch patch = RequestDecoder.toxicPatch(r.body(), current.type());
        return Replies.json(200, ToxiproxyJson.toxic(backend.updateToxic(v.get("proxy"), v.get("toxic"), patch)));
    }

    /** {@code DELETE /proxies/{proxy}/toxics/{toxic}}: 204. */
    ApiResponse remove(ApiRequest r, Map<String, String> v) throws ApiException {
        backend.removeToxic(v.get("proxy"), v.get("toxic"));
        return Replies.noContent();
    }
}
