package io.switchboard.lossreason;

import java.time.Instant;
import java.util.UUID;

public record LossReasonView(
        UUID id, String name, String description, boolean active, Instant createdAt, Instant updatedAt) {

    static LossReasonView of(LossReason reason) {
        return new LossReasonView(
                reason.id, reason.name, reason.description, reason.active, reason.createdAt, reason.updatedAt);
    }
}
