package dev.synack.admin;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One response before it becomes HTTP: status, content type (null for none), body, and extra headers in
 * order. Made by {@link Replies}; written by the channel handler.
 */
public record ApiResponse(int status, String contentType, byte[] body, Map<String, String> headers) {
    public ApiResponse {
        headers = new LinkedHashMap<>(headers);
    }

    /** This response with one more header. */
    public ApiResponse withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new ApiResponse(status, contentType, body, h);
    }
}
