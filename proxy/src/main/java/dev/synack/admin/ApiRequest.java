package dev.synack.admin;

import java.util.List;

/**
 * One request as the API sees it, detached from Netty's buffers: method, the path's segments decoded,
 * the two headers that matter, and the body.
 *
 * @param segments the path split at {@code /} after percent-decoding (Go matches routes on the decoded
 *                 path), or null when the path is not a valid origin-form path
 */
public record ApiRequest(String method, String path, List<String> segments, String userAgent, String authorization,
        byte[] body) {

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
