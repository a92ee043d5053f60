package io.einvoice.gateway.api;

/** An answer the API gives on purpose: HTTP status, a stable code for programs and a sentence for people. */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;

    public ApiException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, "invalid_request", message);
    }

    public static ApiException unauthorized() {
        return new ApiException(401, "unauthorized",
                "send 'Authorization: Bearer <token>' with a dossier API key or a token from POST /api/auth/login");
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, "forbidden", message);
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, "not_found", what + " does not exist or is not visible to you");
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
