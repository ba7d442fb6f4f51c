package io.switchboard.event;

import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * {@code POST /v1/webhook-endpoints} (url and events required) and {@code PATCH} (a merge patch:
 * the fields sent replace; url and events cannot be cleared).
 */
public record EndpointRequest(
        @Schema(
                        example = "https://app.example.com/switchboard-events",
                        description = "https:// only; it may not"
                                + " resolve to a loopback, private, link-local or metadata address")
                @Size(max = EndpointAddresses.MAX_URL_LENGTH)
                String url,
        @Schema(description = "the event types sent to this endpoint", example = "[\"call.completed\"]")
                @Size(min = 1, max = 7)
                List<EventType> events,
        @Schema(example = "CRM sync") @Size(max = 500) String description,
        @Schema(description = "false pauses deliveries; true re-enables an endpoint disabled for failing")
                Boolean enabled) {}
