package dev.synack.admin;

import dev.synack.admin.json.ToxiproxyJson;
import dev.synack.admin.model.ToxiproxyBackend;

/**
 * The route table of the admin API: Toxiproxy's routes ({@code api.go} {@code Routes()}), each with its
 * method and endpoint, in one place.
 *
 * <pre>
 * GET    /proxies                          200 every proxy by name
 * POST   /proxies                          201 a new proxy
 * POST   /populate                         201 proxies added or replaced
 * GET    /proxies/{proxy}                  200
 * POST   /proxies/{proxy}                  200 changed (PATCH too; POST is Toxiproxy's older form)
 * DELETE /proxies/{proxy}                  204
 * GET    /proxies/{proxy}/toxics           200
 * POST   /proxies/{proxy}/toxics           200 a new toxic
 * GET    /proxies/{proxy}/toxics/{toxic}   200
 * POST   /proxies/{proxy}/toxics/{toxic}   200 merged (PATCH too)
 * DELETE /proxies/{proxy}/toxics/{toxic}   204
 * POST   /reset                            204 every proxy enabled, every toxic removed
 * GET    /version                          200
 * any    /metrics                          200 Prometheus text; only when metrics are on
 * </pre>
 */
final class ToxiproxyRoutes {
    private ToxiproxyRoutes() {}

    static Router router(ToxiproxyBackend backend, AdminSettings settings) {
        ProxyEndpoints proxies = new ProxyEndpoints(backend);
        ToxicEndpoints toxics = new ToxicEndpoints(backend);
        Router r = new Router()
                .add("POST", "/reset", proxies::reset)
                .add("GET", "/version", (req, v) -> Replies.text(200, Replies.VERSION, ToxiproxyJson.version(settings.version())))
                .add("POST", "/proxies", proxies::create)
                .add("GET", "/proxies", proxies::list)
                .add("POST", "/populate", proxies::populate)
                .add("GET", "/proxies/{proxy}", proxies::get)
                .add("POST", "/proxies/{proxy}", proxies::update)
                .add("PATCH", "/proxies/{proxy}", proxies::update)
                .add("DELETE", "/proxies/{proxy}", proxies::delete)
                .add("GET", "/proxies/{proxy}/toxics", toxics::list)
                .add("POST", "/proxies/{proxy}/toxics", toxics::add)
                .add("GET", "/proxies/{proxy}/toxics/{toxic}", toxics::get)
                .add("POST", "/proxies/{proxy}/toxics/{toxic}", toxics::update)
                .add("PATCH", "/proxies/{proxy}/toxics/{toxic}", toxics::update)
                .add("DELETE", "/proxies/{proxy}/toxics/{toxic}", toxics::remove);
        if (settings.metrics() != null) {
            r.add(null, "/metrics", (req, v) -> Replies.text(200, Replies.PROMETHEUS, settings.metrics().get()));
        }
        return r;
    }
}
