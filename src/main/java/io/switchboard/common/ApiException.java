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
    private final Map<String, String> headers;

    protected ApiException(
            int status,
            String title,
            String detail,
            List<Problem.FieldError> fieldErrors,
            Map<String, Object> extensions,
            Duration retryAfter) {
        this(status, title, detail, fieldErrors, extensions, retryAfter, null);
    }

    /** {@code headers}: further response headers the status needs (Content-Range of a 416). */
    protected ApiException(
            int status,
            String title,
            String detail,
            List<Problem.FieldError> fieldErrors,
            Map<String, Object> extensions,
            Duration retryAfter,
            Map<String, String> headers) {
        super(detail);
        this.status = status;
        this.title = title;
        this.fieldErrors = fieldErrors;
        this.extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
        this.retryAfter = retryAfter;
        this.headers = headers == null ? Map.of() : Map.copyOf(headers);
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

    /** Response headers besides Retry-After that belong to this answer. */
    public Map<String, String> headers() {
        return headers;
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

        /** A conflict that resolves by itself: retry after the given time. */
        public Conflict(String detail, Duration retryAfter) {
            super(409, "Conflict", detail, null, null, retryAfter);
        }
    }

    /** 416: the requested range lies outside the representation; {@code contentRange} says its length. */
    public static class RangeNotSatisfiable extends ApiException {
        public RangeNotSatisfiable(String detail, String contentRange) {
            super(
                    416,
                    "Range Not Satisfiable",
                    detail,
                    null,
                    null,
                    null,
                    contentRange == null ? null : Map.of("Content-Range", contentRange));
        }
    }

    /** 422: the request is well-formed but cannot be processed as it stands (RFC 9110 section 15.5.21). */
    public static class UnprocessableContent extends ApiException {
        public UnprocessableContent(String detail) {
            super(422, "Unprocessable Content", detail);
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
