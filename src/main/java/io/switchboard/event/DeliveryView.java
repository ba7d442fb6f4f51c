package io.switchboard.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An event's way to one endpoint: its state, when it is tried next, and every attempt so far. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "EventDelivery")
public record DeliveryView(
        UUID id,
        UUID endpointId,
        @Schema(
                        enumeration = {"pending", "succeeded", "failed"},
                        description =
                                "failed: given up after about 27 hours of retries, or its endpoint was" + " disabled")
                String state,
        @Schema(description = "when it is tried next, while pending") Instant nextAttemptAt,
        Instant finishedAt,
        Instant createdAt,
        List<Attempt> attempts) {

    @Schema(name = "EventDeliveryAttempt")
    public record Attempt(
            int attempt,
            Instant attemptedAt,
            int durationMs,
            @Schema(description = "the endpoint's HTTP status; null when there was no answer") Integer statusCode,
            String error,
            @Schema(description = "the first kilobyte of the endpoint's answer") String response) {

        static Attempt of(DeliveryAttempt attempt) {
            return new Attempt(
                    attempt.attempt,
                    attempt.attemptedAt,
                    attempt.durationMs,
                    attempt.statusCode,
                    attempt.error,
                    attempt.responseExcerpt);
        }
    }

    static DeliveryView of(Delivery delivery, List<Attempt> attempts) {
        return new DeliveryView(
                delivery.id,
                delivery.endpointId,
                delivery.state,
                "pending".equals(delivery.state) ? delivery.nextAttemptAt : null,
                delivery.finishedAt,
                delivery.createdAt,
                attempts);
    }
}
