package io.switchboard.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An event of the tenant's log: what was sent, with the id receivers see as webhook-id. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "Event")
public record EventView(
        @Schema(description = "also the webhook-id header of every delivery of it") UUID id,
        @Schema(
                        enumeration = {
                            "call.created",
                            "call.status_changed",
                            "call.completed",
                            "call.logged",
                            "recording.completed",
                            "message.received",
                            "message.status_changed"
                        })
                String type,
        Instant timestamp,
        @Schema(description = "the call, recording or message as the tenant API shows it") Map<String, Object> data) {}
