package dev.synack.admin;

import dev.synack.admin.inspect.RegistryConnectionsJson;
import dev.synack.admin.model.ApiError;
import dev.synack.admin.model.ApiException;
import dev.synack.mirror.MirrorQueries;
import dev.synack.observe.CloseReason;
import dev.synack.observe.ConnectionInfo;
import dev.synack.proxy.ProxyServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * synack's connection routes. With the mirror on they answer the mirror's views (timelines, sequence
 * diagrams, divergences); with it off, the list and a single connection come from the proxy registry in the
 * same shape with the mirror's keys null, and what only the mirror knows — closed connections, the text
 * diagram, divergences — is a 404 that says the mirror is off. Resetting a connection needs no mirror.
 */
final class ConnectionEndpoints {
    private final SynackSources sources;

    ConnectionEndpoints(SynackSources sources) {
        this.sources = sources;
    }

    /** {@code GET /synack/connections[?proxy=NAME][&closed=true]}. */
    ApiResponse list(ApiRequest r, Map<String, String> v) throws ApiException {
        String proxy = r.query("proxy");
        boolean closed = flag(r, "closed");
        MirrorQueries mirror = sources.mirror();
        if (mirror != null) {
            return Replies.json(200, mirror.connectionsJson(proxy, closed).toString());
        }
        if (closed) {
            throw ApiError.MIRROR_OFF.exception("closed connections are the mirror's");
        }
        List<ConnectionInfo> open = new ArrayList<>();
        for (ProxyServer p : sources.registry().list()) {
            if (proxy == null || proxy.equals(p.name())) {
                open.addAll(p.connections());
            }
        }
        return Replies.json(200, RegistryConnectionsJson.connections(open, System.nanoTime()).toString());
    }

    /** {@code GET /synack/connections/{id}[?format=text]}. */
    ApiResponse get(ApiRequest r, Map<String, String> v) throws ApiException {
        String format = r.query("format");
        if (format != null && !format.equals("text") && !format.equals("json")) {
            throw ApiError.INVALID_QUERY.exception("format=" + format + " (expected: json or text)");
        }
        long id = id(v);
        MirrorQueries mirror = sources.mirror();
        if ("text".equals(format)) {
            if (mirror == null) {
                throw ApiError.MIRROR_OFF.exception("the sequence diagram is the mirror's");
            }
            return Replies.text(200, Replies.PLAIN, mirror.text(id).orElseThrow(ApiError.CONNECTION_NOT_FOUND::exception));
        }
        if (mirror != null) {
            return Replies.json(200, mirror.connectionJson(id).orElseThrow(ApiError.CONNECTION_NOT_FOUND::exception).toString());
        }
        ConnectionInfo c = open(id).orElseThrow(ApiError.CONNECTION_NOT_FOUND::exception);
        return Replies.json(200, RegistryConnectionsJson.connection(c, System.nanoTime()).put("timeline", (String) null).toString());
    }

    /** {@code DELETE /synack/connections/{id}}: both sockets reset at once; 204. */
    ApiResponse reset(ApiRequest r, Map<String, String> v) throws ApiException {
        long id = id(v);
        for (ProxyServer p : sources.registry().list()) {
            if (p.reset(id, CloseReason.RESET_BY_API)) {
                return Replies.noContent();
            }
        }
        throw ApiError.CONNECTION_NOT_FOUND.exception();
    }

    /** {@code GET /synack/divergences}. */
    ApiResponse divergences(ApiRequest r, Map<String, String> v) throws ApiException {
        MirrorQueries mirror = sources.mirror();
        if (mirror == null) {
            throw ApiError.MIRROR_OFF.exception();
        }
        return Replies.json(200, mirror.divergencesJson().toString());
    }

    private Optional<ConnectionInfo> open(long id) {
        for (ProxyServer p : sources.registry().list()) {
            for (ConnectionInfo c : p.connections()) {
                if (c.id() == id) {
                    return Optional.of(c);
                }
            }
        }
        return Optional.empty();
    }

    /** A connection id; one that is no number names no connection. */
    private static long id(Map<String, String> v) throws ApiException {
        try {
            return Long.parseLong(v.get("id"));
        } catch (NumberFormatException e) {
            throw ApiError.CONNECTION_NOT_FOUND.exception();
        }
    }

    private static boolean flag(ApiRequest r, String name) throws ApiException {
        String value = r.query(name);
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true") || value.isEmpty()) {
            return true;
        }
        throw ApiError.INVALID_QUERY.exception(name + "=" + value + " (expected: true or false)");
    }
}
