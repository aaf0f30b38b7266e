package dev.synack.admin;

import dev.synack.admin.model.ApiException;
import java.util.Map;

/** Serves one route: from a request and its path variables ({@code proxy}, {@code toxic}) to a response. */
@FunctionalInterface
interface Endpoint {
    ApiResponse handle(ApiRequest request, Map<String, String> vars) throws ApiException;
}
