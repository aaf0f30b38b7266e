package dev.synack.admin;

import java.util.List;

/**
 * One request as the API sees it, detached from Netty's buffers: method, the path's segments decoded,
 * the headers that matter, and the body.
 *
 * @param segments  the path split at {@code /} after percent-decoding (Go matches routes on the decoded
 *                  path), or null when the path is not a valid origin-form path
 * @param host      the {@code Host} header, or null
 * @param dashboard the {@code X-Synack-Dashboard} header the dashboard's own calls carry ({@link BrowserGuard}), or null
 */
public record ApiRequest(String method, String path, List<String> segments, String userAgent, String authorization,
        String host, String dashboard, byte[] body) {

    /**
     * The value of a query parameter ({@code ?proxy=web&closed=true}), the last one when repeated, with
     * {@code +} read as a space and percent escapes decoded; null when absent or malformed.
     */
    public String query(String name) {
        int q = path.indexOf('?');
        if (q < 0) {
            return null;
        }
        String found = null;
        for (String pair : path.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            String key = PercentDecoding.decode((eq < 0 ? pair : pair.substring(0, eq)).replace('+', ' '));
            if (name.equals(key)) {
                found = eq < 0 ? "" : PercentDecoding.decode(pair.substring(eq + 1).replace('+', ' '));
            }
        }
        return found;
    }

    /** Decodes a raw request target ({@code /proxies/caf%C3%A9?x=1}) into path segments; null if malformed. */
    public static List<String> segments(String target) {
        int query = target.indexOf('?');
        String raw = query < 0 ? target : target.substring(0, query);
        if (!raw.startsWith("/")) {
            return null;
        }
        String decoded = PercentDecoding.decode(raw);
        if (decoded == null) {
            return null;
        }
        return List.of(decoded.substring(1).split("/", -1));
    }
}
