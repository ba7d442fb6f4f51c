package io.switchboard.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An endpoint as the API shows it: never its secret (shown once, in {@link EndpointWithSecret}). */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "WebhookEndpoint")
public record EndpointView(
        UUID id,
        String url,
        List<String> events,
        String description,
        boolean enabled,
        @Schema(description = "why Switchboard disabled the endpoint (failing for days); null otherwise")
                String disabledReason,
        Instant disabledAt,
        @Schema(description = "until when the previous secret still signs, after a rotation; null otherwise")
                Instant previousSecretUntil,
        Instant createdAt,
        Instant updatedAt) {

    static EndpointView of(WebhookEndpoint endpoint) {
        return new EndpointView(
                endpoint.id,
                endpoint.url,
                List.copyOf(endpoint.eventTypes),
                endpoint.description,
                endpoint.enabled,
                endpoint.disabledReason,
                endpoint.disabledAt,
                endpoint.previousSecretUntil,
                endpoint.createdAt,
                endpoint.updatedAt);
    }
}
