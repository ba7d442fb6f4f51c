package io.switchboard.common;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The one error shape of the API, RFC 9457 problem details ({@code application/problem+json}).
 * {@code errors} lists the offending fields of a validation failure; {@code extensions} are further
 * members a feature adds (Twilio's error code when Twilio refused a request made for the tenant).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        List<FieldError> errors,
        @JsonAnyGetter Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public record FieldError(String field, String message) {}
}
