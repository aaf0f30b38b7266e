package dev.synack.admin;

import dev.synack.admin.json.ToxiproxyJson;
import dev.synack.admin.model.ApiError;
import dev.synack.admin.model.ApiException;
import dev.synack.admin.model.ProxyView;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Builds every response the API sends, with Toxiproxy's content types: {@code application/json} for
 * success bodies (no trailing newline), {@code application/json;charset=utf-8} for {@code /version}, and
 * for errors Go's {@code http.Error}: {@code text/plain; charset=utf-8}, {@code X-Content-Type-Options:
 * nosniff}, the JSON error and a newline. Populate's errors are the exception: JSON with the proxies done.
 */
final class Replies {
    static final String JSON = "application/json";
    static final String PLAIN = "text/plain; charset=utf-8";
    static final String VERSION = "application/json;charset=utf-8";
    static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";

    private Replies() {}

    static ApiResponse json(int status, String body) {
        return new ApiResponse(status, JSON, bytes(body), Map.of());
    }

    static ApiResponse noContent() {
        return new ApiResponse(204, null, new byte[0], Map.of());
    }

    static ApiResponse text(int status, String contentType, String body) {
        return new ApiResponse(status, contentType, bytes(body), Map.of());
    }

    static ApiResponse error(ApiError error) {
        return error(error.exception());
    }

    static ApiResponse error(ApiException e) {
        String body = e.error().plainText() ? e.getMessage() : ToxiproxyJson.error(e);
        ApiResponse r = new ApiResponse(e.status(), PLAIN, bytes(body + "\n"), Map.of("X-Content-Type-Options", "nosniff"));
        return e.error() == ApiError.UNAUTHORIZED ? r.withHeader("WWW-Authenticate", "Bearer") : r;
    }

    /** A failed {@code /populate}: its status, {@code application/json}, the error and the proxies done. */
    static ApiResponse populateError(ApiException e, List<ProxyView> done) {
        return json(e.status(), ToxiproxyJson.populate(done, e));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
