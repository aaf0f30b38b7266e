package dev.synack.admin;

import dev.synack.admin.model.ApiError;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Serves the dashboard: one page at {@code /ui} and its files at {@code /ui/{file}}, plain HTML, CSS and
 * JavaScript modules read once from the classpath ({@code ui/} in the resources), plus {@code /ui/access.json},
 * which tells the page whether to ask for the token before its first call (so that it makes no call bound to
 * fail). Only the files listed here are served: a name is a key, never a path.
 *
 * <p>Every file goes out with a Content-Security-Policy that lets the page load only its own files and talk
 * only to this server, and forbids framing it; the page builds its DOM from text, never from HTML, so a
 * proxy or toxic name a user chose is shown, never run.
 */
final class DashboardPages {
    /** The files under {@code ui/}, in the order a reader meets them. */
    static final List<String> FILES = List.of("index.html", "dashboard.css", "favicon.svg", "dashboard.js", "api.js",
            "dom.js", "prometheus.js", "traffic.js", "charts.js", "panels.js", "sequence.js");
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final Map<String, ApiResponse> files = new LinkedHashMap<>();

    private DashboardPages(boolean tokenRequired) {
        for (String name : FILES) {
            files.put(name, page(type(name), read(name)));
        }
        files.put("access.json", page(Replies.JSON,
                ("{\"token_required\":" + tokenRequired + "}").getBytes(StandardCharsets.UTF_8)));
    }

    /** Adds the dashboard's routes; {@code tokenRequired} is whether the API's calls need a token. */
    static Router add(Router r, boolean tokenRequired) {
        DashboardPages pages = new DashboardPages(tokenRequired);
        Endpoint index = (req, v) -> pages.files.get("index.html");
        return r.addPage("/ui", index)
                .addPage("/ui/", index)
                .addPage("/ui/{file}", (req, v) -> {
                    ApiResponse f = pages.files.get(v.get("file"));
                    if (f == null) {
                        throw ApiError.ROUTE_NOT_FOUND.exception();
                    }
                    return f;
                });
    }

    private static ApiResponse page(String type, byte[] body) {
        return new ApiResponse(200, type, body, Map.of())
                .withHeader("Cache-Control", "no-cache")
                .withHeader("X-Content-Type-Options", "nosniff")
                .withHeader("Content-Security-Policy", CSP)
                .withHeader("X-Frame-Options", "DENY")
                .withHeader("Referrer-Policy", "no-referrer");
    }

    private static String type(String name) {
        String ext = name.substring(name.lastIndexOf('.') + 1);
        return switch (ext) {
            case "html" -> "text/html; charset=utf-8";
            case "css" -> "text/css; charset=utf-8";
            case "js" -> "text/javascript; charset=utf-8";
            case "svg" -> "image/svg+xml";
            default -> throw new IllegalArgumentException("no content type for " + name);
        };
    }

    /** A file the build put in the jar; its absence is a broken build, not a runtime condition. */
    static byte[] read(String name) {
        try (InputStream in = DashboardPages.class.getResourceAsStream("/ui/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the dashboard's ui/" + name + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
