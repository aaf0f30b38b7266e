package dev.synack.admin.model;

/**
 * An error the backend or the API answers a request with: a row of the {@link ApiError} table and the
 * whole message sent as {@code error}. Carries no stack trace: it is an answer, not a bug.
 */
public class ApiException extends Exception {
    private static final long serialVersionUID = 1L;

    private final ApiError error;

    public ApiException(ApiError error, String message) {
        super(message, null, false, false);
        this.error = error;
    }

    public ApiError error() {
        return error;
    }

    public int status() {
        return error.status();
    }
}
