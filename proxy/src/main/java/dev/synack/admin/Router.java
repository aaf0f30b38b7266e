package dev.synack.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Matches a request to a route as gorilla/mux does: a pattern's {@code {var}} matches one non-empty
 * segment, a path no route has is not found, and a path some route has with another method is a wrong
 * method, answered with the methods it has.
 */
final class Router {
    /**
     * A route; {@code method} null matches any method (Toxiproxy's {@code /metrics}); a {@code page} is one of the
     * dashboard's files, served to anyone who can reach the server (see {@link ApiDispatcher}).
     */
    record Route(String method, String pattern, Endpoint endpoint, boolean page) {
        List<String> parts() {
            return List.of(pattern.substring(1).split("/", -1));
        }
    }

    /** What a request matched. */
    sealed interface Match permits Found, WrongMethod, NotFound {}

    record Found(Route route, Map<String, String> vars) implements Match {}

    record WrongMethod(Set<String> allowed) implements Match {}

    record NotFound() implements Match {}

    private final List<Route> routes = new ArrayList<>();

    Router add(String method, String pattern, Endpoint endpoint) {
        routes.add(new Route(method, pattern, endpoint, false));
        return this;
    }

    /** Adds a {@code GET} route to a page: no data in it, so no token and no browser check. */
    Router addPage(String pattern, Endpoint endpoint) {
        routes.add(new Route("GET", pattern, endpoint, true));
        return this;
    }

    List<Route> routes() {
        return List.copyOf(routes);
    }

    Match match(String method, List<String> segments) {
        if (segments == null) {
            return new NotFound();
        }
        Set<String> allowed = new LinkedHashSet<>();
        for (Route r : routes) {
            Map<String, String> vars = vars(r.parts(), segments);
            if (vars == null) {
                continue;
            }
            if (r.method() == null || r.method().equals(method)) {
                return new Found(r, vars);
            }
            allowed.add(r.method());
        }
        return allowed.isEmpty() ? new NotFound() : new WrongMethod(allowed);
    }

    private static Map<String, String> vars(List<String> parts, List<String> segments) {
        if (parts.size() != segments.size()) {
            return null;
        }
        Map<String, String> vars = new LinkedHashMap<>();
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            String seg = segments.get(i);
            if (part.startsWith("{") && part.endsWith("}")) {
                if (seg.isEmpty()) {
                    return null;
                }
                vars.put(part.substring(1, part.length() - 1), seg);
            } else if (!part.equals(seg)) {
                return null;
            }
        }
        return vars;
    }
}
