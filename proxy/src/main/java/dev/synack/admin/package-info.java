/**
 * The admin HTTP API: Toxiproxy's API over a {@link dev.synack.admin.model.ToxiproxyBackend} (implemented
 * over the live registries in {@code admin.backend}), synack's own routes under {@code /synack/...}
 * ({@link dev.synack.admin.SynackRoutes}, their JSON in {@code admin.inspect}) and the dashboard at
 * {@code /ui} ({@link dev.synack.admin.DashboardPages}; its HTML, CSS and JavaScript in the resources'
 * {@code ui/}), served on Netty's HTTP codec from one event loop of its own.
 * {@link dev.synack.admin.AdminServer} binds it; {@link dev.synack.admin.ToxiproxyRoutes} and
 * {@link dev.synack.admin.SynackRoutes} are the route tables; {@link dev.synack.admin.ApiDispatcher} decides
 * each request's fate (page, token, route, method, browser) without Netty, and
 * {@link dev.synack.admin.BrowserGuard} keeps Toxiproxy's no-browsers rule while letting the dashboard's own
 * calls through; the handlers in the pipeline bound what a client can cost: the body size, the time to send
 * a request, the time a handler may take. Every error comes from {@link dev.synack.admin.model.ApiError}.
 */
package dev.synack.admin;
