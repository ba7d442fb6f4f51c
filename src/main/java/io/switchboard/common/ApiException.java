package io.switchboard.common;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A failure the client can act on, with its HTTP status. Services throw the subclasses; the
 * {@link ProblemMapper} turns them into problem JSON. A feature adds what its problems need as
 * extension members (RFC 9457 section 3.2), so this kernel knows no feature.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<Problem.FieldError> fieldErrors;
    private final Map<String, Object> extensions;
    private final Duration retryAfter;

    protected ApiException(
            int status,
            String title,
            String detail,
            List<Problem.FieldError> fieldErrors,
            Map<String, Object> extensions,
            Duration retryAfter) {
        super(detail);
        this.status = status;
        this.title = title;
        this.fieldErrors = fieldErrors;
        this.extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
        this.retryAfter = retryAfter;
    }

    protected ApiException(int status, String title, String detail) {
        this(status, title, detail, null, null, null);
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

    /** Extra members of the problem document, such as Twilio's error code. */
    public Map<String, Object> extensions() {
        return extensions;
    }

    /** Whole seconds after which a retry may succeed (Retry-After), or -1 when none applies. */
    public long retryAfterSeconds() {
        return retryAfter == null ? -1 : Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }

    /** 404: also the answer for another tenant's resource, so its existence is never confirmed. */
    public static class NotFound extends ApiException {
        public NotFound(String what) {
            super(404, "Not Found", what + " was not found");
        }
    }

    /** 400 naming the offending fields. */
    public static class Invalid extends ApiException {
        public Invalid(String field, String message) {
            this(List.of(new Problem.FieldError(field, message)));
        }

        public Invalid(List<Problem.FieldError> errors) {
            super(400, "Bad Request", "The request has invalid fields", errors, null, null);
        }
    }

    public static class Unauthorized extends ApiException {
        public Unauthorized(String detail) {
            super(401, "Unauthorized", detail);
        }
    }

    public static class Forbidden extends ApiException {
        public Forbidden(String detail) {
            super(403, "Forbidden", detail);
        }
    }

    public static class Conflict extends ApiException {
        public Conflict(String detail) {
            super(409, "Conflict", detail);
        }
    }

    /** 429 with the time after which a retry can succeed. */
    public static class TooManyRequests extends ApiException {
        public TooManyRequests(String detail, Duration retryAfter) {
            super(429, "Too Many Requests", detail, null, null, retryAfter);
        }
    }

    /** 503: busy or briefly unable; nothing was changed, retry after the given time. */
    public static class Unavailable extends ApiException {
        public Unavailable(String detail, Duration retryAfter) {
            super(503, "Service Unavailable", detail, null, null, retryAfter);
        }
    }
}
