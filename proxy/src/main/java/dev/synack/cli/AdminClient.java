package dev.synack.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Calls the admin API for the client commands: one request each, JSON in, the response body out, and a
 * failure turned into one line a user can act on (the server is not reachable; the API said no, and why).
 */
final class AdminClient {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** A call that failed; the message is the line to print after {@code synack: }. */
    static final class CallException extends Exception {
        private static final long serialVersionUID = 1L;

        CallException(String message) {
            super(message, null, false, false);
        }
    }

    private final URI base;
    private final String token;
    private final HttpClient http;

    AdminClient(URI base, String token) {
        this.base = base;
        this.token = token;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** The response body of a successful call (empty for 204). */
    String call(String method, String path, Object body) throws CallException, InterruptedException {
        HttpRequest.Builder req = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
                .header("User-Agent", "synack-cli/" + VersionProvider.version())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json(body)));
        if (body != null) {
            req.header("Content-Type", "application/json");
        }
        if (token != null && !token.isEmpty()) {
            req.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> res;
        try {
            res = http.send(req.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException e) {
            throw new CallException("cannot reach the admin API at " + base + " (connection refused); is synack running?");
        } catch (HttpTimeoutException e) {
            throw new CallException("the admin API at " + base + " did not answer within " + TIMEOUT.toSeconds() + "s");
        } catch (IOException e) {
            throw new CallException("cannot reach the admin API at " + base + " (" + e + ")");
        }
        if (res.statusCode() >= 300) {
            throw new CallException(errorText(res.body()) + " (HTTP " + res.statusCode() + ")");
        }
        return res.body();
    }

    JsonNode callJson(String method, String path, Object body) throws CallException, InterruptedException {
        String text = call(method, path, body);
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new CallException("the admin API at " + base + " answered something that is not JSON: " + shorten(text));
        }
    }

    /** The {@code error} of a JSON error body, or the body itself (Go's plain-text 404, say). */
    private static String errorText(String body) {
        try {
            JsonNode n = JSON.readTree(body);
            if (n != null && n.hasNonNull("error")) {
                return n.get("error").asText();
            }
        } catch (IOException notJson) {
            // fall through to the raw text
        }
        return shorten(body.strip());
    }

    /** The path segment for a name: every byte that is not unreserved is percent-encoded. */
    static String segment(String name) {
        StringBuilder sb = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0)) {
                sb.append(c);
            } else {
                sb.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return sb.toString();
    }

    private static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write " + body + " as JSON", e);
        }
    }

    private static String shorten(String s) {
        return s.length() <= 200 ? s : s.substring(0, 197) + "...";
    }
}
