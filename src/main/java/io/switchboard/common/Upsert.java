package io.switchboard.common;

import java.util.Objects;
import java.util.UUID;

/**
 * What an idempotent upsert did to its row: created it, changed it, or found nothing to change (a
 * retried or stale callback), with the row's status before and after, for the counts and events
 * that depend on it.
 */
public record Upsert(UUID id, Kind kind, String priorStatus, String status) {

    public enum Kind {
        CREATED,
        UPDATED,
        UNCHANGED
    }

    public static Upsert unchanged(UUID id, String status) {
        return new Upsert(id, Kind.UNCHANGED, status, status);
    }

    /** A created row with a status, or an updated one whose status moved. */
    public boolean statusChanged() {
        return switch (kind) {
            case CREATED -> status != null;
            case UPDATED -> !Objects.equals(priorStatus, status);
            case UNCHANGED -> false;
        };
    }
}
