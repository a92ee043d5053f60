package io.einvoice.gateway.api;

/**
 * An answer about the HTTP exchange itself (no credentials, too many logins) with its status, code and sentence;
 * what services refuse comes as a {@code refusal.Refusal} and becomes an answer in {@link ApiErrors}.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final Long retryAfterSeconds;

    public ApiException(int status, String code, String message) {
        this(status, code, message, null);
    }

    private ApiException(int status, String code, String message, Long retryAfterSeconds) {
        super(message);
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** 429 with a Retry-After header. */
    public static ApiException tooManyRequests(String message, long retryAfterSeconds) {
        return new ApiException(429, "too_many_requests", message, retryAfterSeconds);
    }

    public static ApiException unauthorized() {
        return new ApiException(401, "unauthorized",
                "send 'Authorization: Bearer <token>' with a dossier API key or a token from POST /api/auth/login");
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Seconds the client should wait before trying again, or null. */
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
