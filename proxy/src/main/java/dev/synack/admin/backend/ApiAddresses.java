package dev.synack.admin.backend;

import dev.synack.admin.model.ApiError;
import dev.synack.admin.model.ApiException;
import dev.synack.config.HostPort;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * A proxy's {@code listen} and {@code upstream} as Toxiproxy reads them: {@code listen} is {@code host:port},
 * {@code :port} or {@code ""} (any interface, a free port, as Go's {@code net.Listen}), {@code upstream} is
 * {@code host:port} and is never resolved here (synack resolves it at every connect, as Toxiproxy dials it).
 * Two listen addresses are compared resolved, so {@code localhost:7070} equals {@code 127.0.0.1:7070}.
 */
final class ApiAddresses {
    /** Where Go's {@code ""} and {@code :port} listen: every interface. */
    static final String ANY = "0.0.0.0";
    static final String LISTEN = "host:port, :port or \"\" (any interface), with a port from 0 to 65535";
    static final String UPSTREAM = "host:port of the service, with a port from 1 to 65535";

    private ApiAddresses() {}

    static HostPort listen(String text) throws ApiException {
        if (text.isEmpty()) {
            return new HostPort(ANY, 0);
        }
        HostPort hp = HostPort.parse(text.startsWith(":") ? ANY + text : text);
        if (hp == null || hp.port() > 65535) {
            throw invalid("listen", text, LISTEN);
        }
        return hp;
    }

    static HostPort upstream(String text) throws ApiException {
        HostPort hp = HostPort.parse(text);
        if (hp == null || hp.port() < 1 || hp.port() > 65535) {
            throw invalid("upstream", text, UPSTREAM);
        }
        return hp;
    }

    /**
     * A listen address resolved as Go's {@code net.ResolveTCPAddr} would for a comparison; a name that does
     * not resolve is Toxiproxy's 500 ({@code listen tcp: lookup nosuch: no such host}).
     */
    static InetSocketAddress resolve(HostPort listen) throws ApiException {
        try {
            return new InetSocketAddress(InetAddress.getByName(listen.host()), listen.port());
        } catch (UnknownHostException e) {
            throw ApiError.LISTEN_FAILED.exception("listen tcp: lookup " + listen.host() + ": no such host");
        }
    }

    /** Whether two bound or resolved addresses are one: equal, or both a wildcard (Go listens dual-stack there). */
    static boolean same(InetSocketAddress a, InetSocketAddress b) {
        if (a == null || b == null || a.getPort() != b.getPort()) {
            return false;
        }
        if (a.getAddress() != null && b.getAddress() != null && a.getAddress().isAnyLocalAddress()
                && b.getAddress().isAnyLocalAddress()) {
            return true;
        }
        return a.equals(b);
    }

    private static ApiException invalid(String field, String text, String expected) {
        String shown = text.length() > 60 ? text.substring(0, 57) + "..." : text;
        return ApiError.INVALID_ADDRESS.exception(field + " \"" + shown + "\" (expected: " + expected + ")");
    }
}
