package io.switchboard.common;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * The one error shape of the API, RFC 9457 problem details ({@code application/problem+json}).
 * {@code errors} lists the offending fields of a validation failure; {@code twilioCode} is Twilio's
 * error code when Twilio refused a request made for the tenant.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors,
                      Integer twilioCode) {

    public Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {
        this(type, title, status, detail, instance, errors, null);
    }

    public static final String MEDIA_TYPE = "application/problem+json";

    public record FieldError(String field, String message) {
    }
}
