package dev.synack.admin;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Keeps Toxiproxy's rule that the API is not for browsers (a {@code User-Agent} starting with {@code Mozilla/}
 * is answered 403) and lets through the one browser client synack serves itself: the dashboard at {@code /ui},
 * whose calls carry an {@code X-Synack-Dashboard} header.
 *
 * <p>Why the rule: the API changes things with requests any web page can make. A page the user visits on
 * another site can send {@code http://127.0.0.1:8474} a form POST or a {@code no-cors} fetch (a "simple"
 * request: the browser sends it without asking, and only hides the answer), and so add a toxic or delete a
 * proxy. Toxiproxy refuses every browser for that reason.
 *
 * <p>Why a header of our own is enough: a page of another origin cannot add a header a simple request does
 * not have without a CORS preflight ({@code OPTIONS}), and no route of this server answers one with
 * {@code Access-Control-Allow-*}, so the browser never sends the request. Only a page of the server's own
 * origin — the dashboard — can. The dashboard only reads, so the way through is for {@code GET} alone: a
 * browser changes nothing through the API, whatever it sends.
 *
 * <p>Why the {@code Host} rule: DNS rebinding gives an attacker's page the server's origin (its name resolves
 * first to the attacker, then to 127.0.0.1), and then it may set any header. Its requests still name the
 * attacker's host. So with no token the dashboard's calls must name the server by an IP literal,
 * {@code localhost}, or {@code admin.listen}'s own host. With a token the rule is not needed: a rebinding page
 * has no token (the dashboard keeps it in the tab's {@code sessionStorage}, which is per origin), and every
 * call without it is a 401.
 */
final class BrowserGuard {
    /** The header the dashboard's calls carry. */
    static final String HEADER = "X-Synack-Dashboard";
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final String listenHost;
    private final boolean token;

    /**
     * @param listenHost the host {@code admin.listen} names
     * @param token      whether a token is configured
     */
    BrowserGuard(String listenHost, boolean token) {
        this.listenHost = listenHost;
        this.token = token;
    }

    /** Whether a request may go on: not a browser's, or the dashboard's, which only reads ({@code GET}). */
    boolean allows(ApiRequest r) {
        if (r.userAgent() == null || !r.userAgent().startsWith("Mozilla/")) {
            return true;
        }
        return r.dashboard() != null && "GET".equals(r.method()) && (token || namesThisServer(r.host()));
    }

    /** Whether a {@code Host} header names this server in a way DNS rebinding cannot. */
    boolean namesThisServer(String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        if (host.startsWith("[")) {
            return host.indexOf(']') > 0;
        }
        int colon = host.lastIndexOf(':');
        String name = (colon < 0 ? host : host.substring(0, colon)).toLowerCase(Locale.ROOT);
        return IPV4.matcher(name).matches() || name.equals("localhost") || name.equalsIgnoreCase(listenHost);
    }
}
