package dev.synack.admin;

import dev.synack.admin.model.ApiError;
import dev.synack.admin.model.ApiException;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what becomes of a request, in this order: the dashboard's pages (answered at once, to anyone: they
 * hold no data, and a browser's navigation cannot send a token), the token (when one is configured;
 * {@code GET /version} is exempt so that readiness probes and Testcontainers' wait need none), the route (404
 * as Go's text, 405 with {@code Allow}), a browser's {@code User-Agent} (403 as Toxiproxy, unless
 * {@link BrowserGuard} knows the call for the dashboard's), and then the endpoint, which runs later off the
 * event loop. Every response of a matched API route carries an {@code X-Toxiproxy-Request-Id}.
 */
final class ApiDispatcher {
    private static final Logger log = LoggerFactory.getLogger(ApiDispatcher.class);
    static final String REQUEST_ID = "X-Toxiproxy-Request-Id";

    /** A response known at once, or an endpoint to run on the API's worker thread. */
    sealed interface Outcome permits Immediate, Deferred {}

    record Immediate(ApiResponse response) implements Outcome {}

    record Deferred(Callable<ApiResponse> call) implements Outcome {}

    private final Router router;
    private final String token;
    private final BrowserGuard browsers;

    ApiDispatcher(Router router, String token, BrowserGuard browsers) {
        this.router = router;
        this.token = token;
        this.browsers = browsers;
    }

    Outcome dispatch(ApiRequest r) {
        Router.Match match = router.match(r.method(), r.segments());
        if (match instanceof Router.Found page && page.route().page()) {
            return new Immediate(run(page, r));
        }
        boolean exempt = "GET".equals(r.method()) && List.of("version").equals(r.segments());
        if (!exempt && !AdminAccess.authorized(r.authorization(), token)) {
            return new Immediate(Replies.error(ApiError.UNAUTHORIZED));
        }
        if (match instanceof Router.NotFound) {
            return new Immediate(Replies.error(ApiError.ROUTE_NOT_FOUND));
        }
        if (match instanceof Router.WrongMethod wrong) {
            return new Immediate(Replies.error(ApiError.METHOD_NOT_ALLOWED).withHeader("Allow", String.join(", ", wrong.allowed())));
        }
        Router.Found found = (Router.Found) match;
        String id = RequestIds.next();
        if (!browsers.allows(r)) {
            return new Immediate(Replies.error(ApiError.BROWSER).withHeader(REQUEST_ID, id));
        }
        return new Deferred(() -> run(found, r).withHeader(REQUEST_ID, id));
    }

    /** Runs an endpoint; an {@link ApiException} is its answer, anything else a 500 and a warning. */
    private static ApiResponse run(Router.Found found, ApiRequest r) {
        try {
            return found.route().endpoint().handle(r, found.vars());
        } catch (ApiException e) {
            return Replies.error(e);
        } catch (RuntimeException e) {
            log.warn("{} {} failed: {}", r.method(), r.path(), e.toString(), e);
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return Replies.error(ApiError.INTERNAL.exception(message));
        }
    }
}
