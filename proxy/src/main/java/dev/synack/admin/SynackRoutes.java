package dev.synack.admin;

/**
 * synack's own routes, next to Toxiproxy's on the same server, behind the same token and browser check,
 * their errors from the same table; every body is JSON but the sequence diagram's.
 *
 * <pre>
 * GET    /synack/connections[?proxy=NAME][&amp;closed=true]  200 {"connections": [CONN, ...]}
 * GET    /synack/connections/{id}[?format=text]          200 CONN with "timeline", or the sequence diagram
 * DELETE /synack/connections/{id}                        204 both sockets reset (close reason reset_by_api)
 * GET    /synack/divergences                             200 {"divergences": [...]}; 404 with the mirror off
 * GET    /synack/proxies/{proxy}/options                 200 listener and newest connection, requested and effective
 * GET    /synack/doctor                                  200 the doctor's report on the running config
 * GET    /synack/config                                  200 the effective config, admin.token redacted
 * GET    /synack/health                                  200 {"status": "ok", ...}
 * </pre>
 */
final class SynackRoutes {
    private SynackRoutes() {}

    static Router add(Router r, SynackSources sources, String version) {
        ConnectionEndpoints connections = new ConnectionEndpoints(sources);
        InspectEndpoints inspect = new InspectEndpoints(sources, version);
        return r.add("GET", "/synack/connections", connections::list)
                .add("GET", "/synack/connections/{id}", connections::get)
                .add("DELETE", "/synack/connections/{id}", connections::reset)
                .add("GET", "/synack/divergences", connections::divergences)
                .add("GET", "/synack/proxies/{proxy}/options", inspect::options)
                .add("GET", "/synack/doctor", inspect::doctor)
                .add("GET", "/synack/config", inspect::config)
                .add("GET", "/synack/health", inspect::health);
    }
}
