/**
 * The admin HTTP API: Toxiproxy's API served on Netty's HTTP codec from one event loop of its own, over a
 * {@link dev.synack.admin.model.ToxiproxyBackend}. {@link dev.synack.admin.AdminServer} binds it;
 * {@link dev.synack.admin.ToxiproxyRoutes} is the one route table; {@link dev.synack.admin.ApiDispatcher}
 * decides each request's fate (token, route, method, browser) without Netty; the handlers in the pipeline
 * bound what a client can cost: the body size, the time to send a request, the time a handler may take.
 * Every error comes from {@link dev.synack.admin.model.ApiError}.
 */
package dev.synack.admin;
