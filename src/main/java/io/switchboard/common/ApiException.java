package io.switchboard.common;

import java.util.List;

/**
 * A failure the client can act on, with its HTTP status. Services throw the subclasses; the
 * {@link ProblemMapper} turns them into problem JSON.
 */
public abstract class ApiException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<Problem.FieldError> fieldErrors;

    protected ApiException(int status, String title, String detail, List<Problem.FieldError> fieldErrors) {
        super(detail);
        this.status = status;
        this.title = title;
        this.fieldErrors = fieldErrors;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<Problem.FieldError> fieldErrors() {
        return fieldErrors;
    }

    /** 404: also the answer for another tenant's resource, so its existence is never confirmed. */
    public static class NotFound extends ApiException {
        public NotFound(String what) {
            super(404, "Not Found", what + " was not found", null);
        }
    }

    /** 400 naming the offending fields. */
    public static class Invalid extends ApiException {
        public Invalid(String field, String message) {
            this(List.of(new Problem.FieldError(field, message)));
        }

        public Invalid(List<Problem.FieldError> errors) {
            super(400, "Bad Request", "The request has invalid fields", errors);
        }
    }

    public static class Unauthorized extends ApiException {
        public Unauthorized(String detail) {
            super(401, "Unauthorized", detail, null);
        }
    }

    /** 429 with the time after which a retry can succeed. */
    public static class TooManyRequests extends ApiException {
        private final java.time.Duration retryAfter;

        public TooManyRequests(String detail, java.time.Duration retryAfter) {
            super(429, "Too Many Requests", detail, null);
            this.retryAfter = retryAfter;
        }

        public long retryAfterSeconds() {
            return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        }
    }

    public static class Forbidden extends ApiException {
        public Forbidden(String detail) {
            super(403, "Forbidden", detail, null);
        }
    }
}
