package dev.synack.admin;

import dev.synack.admin.inspect.ConfigJson;
import dev.synack.admin.inspect.HealthJson;
import dev.synack.admin.inspect.OptionsJson;
import dev.synack.admin.model.ApiError;
import dev.synack.admin.model.ApiException;
import dev.synack.proxy.ProxyServer;
import dev.synack.proxy.SocketReadings;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** synack's routes about the running process: a proxy's socket options, the doctor, the config, health. */
final class InspectEndpoints {
    /** A connection's loop answers within microseconds; one stuck this long is answered as a failure. */
    private static final long READ_SECONDS = 5;

    private final SynackSources sources;
    private final String version;

    InspectEndpoints(SynackSources sources, String version) {
        this.sources = sources;
        this.version = version;
    }

    /** {@code GET /synack/proxies/{proxy}/options}. */
    ApiResponse options(ApiRequest r, Map<String, String> v) throws ApiException {
        ProxyServer p = sources.registry().get(v.get("proxy")).orElseThrow(ApiError.PROXY_NOT_FOUND::exception);
        Optional<SocketReadings> newest;
        try {
            newest = p.readNewestConnectionOptions().get(READ_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw ApiError.INTERNAL.exception("reading the newest connection's socket options: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiError.INTERNAL.exception("interrupted");
        }
        return Replies.json(200, OptionsJson.of(p, newest).toString());
    }

    /** {@code GET /synack/doctor}: the doctor's report on the config running now, as JSON. */
    ApiResponse doctor(ApiRequest r, Map<String, String> v) {
        return Replies.json(200, sources.doctor().get().toString());
    }

    /** {@code GET /synack/config}: the effective config, {@code admin.token} redacted. */
    ApiResponse config(ApiRequest r, Map<String, String> v) {
        return Replies.json(200, ConfigJson.of(sources.config().get()).toString());
    }

    /** {@code GET /synack/health}. */
    ApiResponse health(ApiRequest r, Map<String, String> v) {
        return Replies.json(200, HealthJson.of(sources.registry(), version, sources.transport(), sources.mirror() != null,
                sources.metrics()).toString());
    }
}
