package dev.synack.admin;

import dev.synack.config.AdminSpec;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * How the admin server runs: where it listens, who may call it, and the bounds on what a request may cost.
 *
 * @param host           the address to bind (a literal, or a name such as {@code localhost})
 * @param port           the port; 0 takes a free one
 * @param token          the bearer token every request but {@code GET /version} must carry, or null for none
 * @param insecure       allow a non-loopback bind without a token (logged as a warning)
 * @param maxBodyBytes   the largest request body; more is a 413
 * @param requestTimeout how long a request may take to arrive whole once it has begun; then a 408
 * @param handlerTimeout how long the backend may take to answer; then a 503 (Toxiproxy: 25 s)
 * @param idleTimeout    how long a kept-alive connection may sit idle before it is closed (Go: 60 s)
 * @param version        what {@code GET /version} reports
 * @param metrics        the Prometheus text of {@code /metrics}, or null when metrics are off (the route is a 404)
 */
public record AdminSettings(String host, int port, String token, boolean insecure, int maxBodyBytes,
        Duration requestTimeout, Duration handlerTimeout, Duration idleTimeout, String version, Supplier<String> metrics) {
    public static final int MAX_BODY_BYTES = 1 << 20;
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
    public static final Duration HANDLER_TIMEOUT = Duration.ofSeconds(25);
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(60);

    public AdminSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(version, "version");
        if (token != null && token.isEmpty()) {
            throw new IllegalArgumentException("an empty token would let anyone in; use null for none");
        }
    }

    /** Listening on {@code host:port} with no token, not insecure, the default bounds, and no metrics. */
    public static AdminSettings of(String host, int port, String version) {
        return new AdminSettings(host, port, null, false, MAX_BODY_BYTES, REQUEST_TIMEOUT, HANDLER_TIMEOUT,
                IDLE_TIMEOUT, version, null);
    }

    /**
     * The settings of a config's {@code admin} block, with the default bounds and no metrics.
     *
     * @throws IllegalArgumentException when the block says {@code listen: off}: there is nothing to serve
     */
    public static AdminSettings from(AdminSpec spec, String version) {
        if (!spec.enabled()) {
            throw new IllegalArgumentException("admin.listen is off: no admin API to start");
        }
        return of(spec.listen().host(), spec.listen().port(), version).withToken(spec.token()).withInsecure(spec.insecure());
    }

    public AdminSettings withToken(String t) {
        return new AdminSettings(host, port, t, insecure, maxBodyBytes, requestTimeout, handlerTimeout, idleTimeout, version, metrics);
    }

    public AdminSettings withInsecure(boolean i) {
        return new AdminSettings(host, port, token, i, maxBodyBytes, requestTimeout, handlerTimeout, idleTimeout, version, metrics);
    }

    public AdminSettings withMetrics(Supplier<String> m) {
        return new AdminSettings(host, port, token, insecure, maxBodyBytes, requestTimeout, handlerTimeout, idleTimeout, version, m);
    }

    public AdminSettings withLimits(int maxBody, Duration request, Duration handler, Duration idle) {
        return new AdminSettings(host, port, token, insecure, maxBody, request, handler, idle, version, metrics);
    }
}
