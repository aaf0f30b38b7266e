package dev.synack.admin.model;

/**
 * Every error the admin API answers with, in one table: its HTTP status and its text. The texts of the
 * Toxiproxy errors are Toxiproxy's own ({@code api.go}), because its clients and users match on them.
 *
 * <p>Most are sent as {@code {"error": TEXT, "status": N}}. Two are plain text, as Toxiproxy sends them:
 * the 404 of an unknown route (Go's {@code 404 page not found}) and the 403 of a browser.
 */
public enum ApiError {
    /** The body is not the JSON the route takes; the detail is the decoder's (Go's) message. */
    BAD_REQUEST_BODY(400, "bad request body"),
    /** A required field is absent or empty; the detail names it ({@code name}, {@code upstream}). */
    MISSING_FIELD(400, "missing required field"),
    PROXY_NOT_FOUND(404, "proxy not found"),
    PROXY_ALREADY_EXISTS(409, "proxy already exists"),
    INVALID_STREAM(400, "stream was invalid, can be either upstream or downstream"),
    INVALID_TOXIC_TYPE(400, "invalid toxic type"),
    TOXIC_ALREADY_EXISTS(409, "toxic already exists"),
    TOXIC_NOT_FOUND(404, "toxic not found"),
    /** synack only: an attribute value out of its range (Toxiproxy checks none); the detail says which and why. */
    INVALID_ATTRIBUTE(400, "invalid attribute"),
    /** synack only: a listen or upstream that is not {@code host:port} (Toxiproxy: a 500 at bind, or a failing dial). */
    INVALID_ADDRESS(400, "invalid address"),
    /** The listener could not be bound; the detail is the whole message, e.g. {@code listen tcp 127.0.0.1:3310: bind: address already in use}. */
    LISTEN_FAILED(500, ""),
    /** synack's routes: no open or remembered connection has this id. */
    CONNECTION_NOT_FOUND(404, "connection not found"),
    /** synack's routes: what was asked needs the mirror engine, which is off. */
    MIRROR_OFF(404, "the mirror engine is off (mirror.enabled: false)"),
    /** synack's routes: a query parameter with a value the route does not take; the detail says which. */
    INVALID_QUERY(400, "invalid query parameter"),
    /** A failure of the server itself; the detail is the whole message. Logged as a warning. */
    INTERNAL(500, "internal error"),
    /** synack only: a token is configured and the request has no valid {@code Authorization: Bearer} header. */
    UNAUTHORIZED(401, "missing or invalid bearer token"),
    /** A {@code User-Agent} starting with {@code Mozilla/}: the API is not for browsers (CSRF). Plain text. */
    BROWSER(403, "User agent not allowed"),
    /** No route has this path. Plain text, Go's own. */
    ROUTE_NOT_FOUND(404, "404 page not found"),
    /** A route has this path but not this method (Toxiproxy: an empty body). */
    METHOD_NOT_ALLOWED(405, "method not allowed"),
    /** synack only: the request did not arrive whole in time (Go's server just closes the connection). */
    REQUEST_TIMEOUT(408, "request not received in time"),
    /** synack only: the body is over the limit (Toxiproxy has none). */
    BODY_TOO_LARGE(413, "request body too large"),
    /** synack only: the request line or headers are over the limit. */
    HEADERS_TOO_LARGE(431, "request line or headers too large"),
    /** synack only: not HTTP/1.x. */
    MALFORMED_REQUEST(400, "malformed HTTP request"),
    /** The backend did not answer in time (Toxiproxy: a 503 after 25 s, with an HTML body). */
    HANDLER_TIMEOUT(503, "request timed out");

    private final int status;
    private final String text;

    ApiError(int status, String text) {
        this.status = status;
        this.text = text;
    }

    public int status() {
        return status;
    }

    /** The error text without detail. */
    public String text() {
        return text;
    }

    /** Sent as plain text rather than JSON, as Toxiproxy does for these two. */
    public boolean plainText() {
        return this == BROWSER || this == ROUTE_NOT_FOUND;
    }

    /** This error, with its own text. */
    public ApiException exception() {
        return new ApiException(this, text);
    }

    /**
     * This error with a detail: {@code text: detail} ({@code missing required field: name}), or the detail
     * alone where the text is empty ({@link #LISTEN_FAILED}).
     */
    public ApiException exception(String detail) {
        return new ApiException(this, text.isEmpty() ? detail : text + ": " + detail);
    }
}
