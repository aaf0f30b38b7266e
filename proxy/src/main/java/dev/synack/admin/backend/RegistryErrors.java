package dev.synack.admin.backend;

import dev.synack.admin.model.ApiError;
import dev.synack.admin.model.ApiException;
import dev.synack.config.ConfigError;
import dev.synack.fault.FaultException;
import dev.synack.fault.FaultProblem;
import dev.synack.proxy.RegistryException;
import java.util.stream.Collectors;

/**
 * A refusal of the proxy registry or the fault registry as a row of the API's error table, worded as
 * Toxiproxy words it where Toxiproxy has the case: a listener that cannot bind is its 500
 * {@code listen tcp 127.0.0.1:3310: bind: address already in use}.
 */
final class RegistryErrors {
    private RegistryErrors() {}

    /** A refusal of a change to a proxy. */
    static ApiException proxy(RegistryException e, String listen) {
        return switch (e.kind()) {
            case NOT_FOUND -> ApiError.PROXY_NOT_FOUND.exception();
            case ALREADY_EXISTS -> ApiError.PROXY_ALREADY_EXISTS.exception();
            case CANNOT_LISTEN -> ApiError.LISTEN_FAILED.exception("listen tcp " + listen + ": bind: " + why(e));
            case INVALID -> ApiError.INVALID_ATTRIBUTE.exception(problems(e));
        };
    }

    /** A refusal of a change to a proxy's faults: a missing or taken name is the toxic's, not the proxy's. */
    static ApiException toxic(RegistryException e) {
        boolean proxyMissing = e.getMessage() != null && e.getMessage().startsWith("proxy not found");
        return switch (e.kind()) {
            case NOT_FOUND -> proxyMissing ? ApiError.PROXY_NOT_FOUND.exception() : ApiError.TOXIC_NOT_FOUND.exception();
            case ALREADY_EXISTS -> ApiError.TOXIC_ALREADY_EXISTS.exception();
            case CANNOT_LISTEN, INVALID -> ApiError.INVALID_ATTRIBUTE.exception(problems(e));
        };
    }

    /** A fault the fault registry refused: every problem, {@code attributes.rate: -1 (expected: ...)}. */
    static ApiException fault(FaultException e) {
        return ApiError.INVALID_ATTRIBUTE.exception(e.problems().stream().map(FaultProblem::toString).collect(Collectors.joining("; ")));
    }

    /**
     * The registry says {@code cannot listen on HOST:PORT: WHY}; Go says only the why after {@code bind:}.
     * No {@code host:port} holds a colon followed by a space, so the why starts after the first one.
     */
    private static String why(RegistryException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        int at = m.startsWith("cannot listen on ") ? m.indexOf(": ") : -1;
        return at < 0 ? m : m.substring(at + 2);
    }

    private static String problems(RegistryException e) {
        if (e.errors().isEmpty()) {
            return e.getMessage();
        }
        return e.errors().stream().map(ConfigError::toString).collect(Collectors.joining("; "));
    }
}
