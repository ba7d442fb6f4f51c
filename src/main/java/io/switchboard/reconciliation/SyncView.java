package io.switchboard.reconciliation;

import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A tenant's reconciliation state, as operators read it. */
@Schema(name = "TenantSync")
public record SyncView(
        UUID tenantId,
        @Schema(
                        description = "Twilio's records up to this instant have been read back; null before the first"
                                + " complete pass")
                Instant watermark,
        @Schema(description = "Whether an instance is reconciling the tenant now") boolean running,
        @Schema(description = "When an operator asked for a pass not yet taken up; null when none is waiting")
                Instant requestedAt,
        @Schema(description = "The start that request asked for; null: from the watermark, less the overlap")
                Instant requestedSince,
        @Schema(
                        description = "The window of the pass under way (a run stopped by its request budget or by"
                                + " Twilio's rate limit carries on where it stopped); null when none is")
                Instant passFrom,
        Instant passTo,
        @Schema(
                        description = "What the pass under way reads now",
                        enumeration = {"calls", "recordings", "messages"})
                String passResource,
        Instant lastStartedAt,
        Instant lastFinishedAt,
        Instant lastSucceededAt,
        @Schema(
                        description = "What the last run wrote: rows created (that no webhook had delivered) and"
                                + " updated (brought up to Twilio's state), per resource")
                Changes lastRun,
        @Schema(description = "Why the last run failed, or null once a run reads a page again") String lastError,
        Instant lastErrorAt) {

    public record Changes(Count calls, Count recordings, Count messages) {}

    public record Count(int created, int updated) {}

    private static final Changes NONE = new Changes(new Count(0, 0), new Count(0, 0), new Count(0, 0));

    static SyncView of(UUID tenantId, TenantSync sync, Instant now) {
        if (sync == null) {
            return new SyncView(
                    tenantId, null, false, null, null, null, null, null, null, null, null, NONE, null, null);
        }
        return new SyncView(
                tenantId,
                sync.watermark,
                sync.leaseUntil != null && sync.leaseUntil.isAfter(now),
                sync.requestedAt,
                sync.requestedAt == null ? null : sync.requestedSince,
                sync.passFrom,
                sync.passTo,
                sync.passResource,
                sync.lastStartedAt,
                sync.lastFinishedAt,
                sync.lastSucceededAt,
                new Changes(
                        new Count(sync.callsCreated, sync.callsUpdated),
                        new Count(sync.recordingsCreated, sync.recordingsUpdated),
                        new Count(sync.messagesCreated, sync.messagesUpdated)),
                sync.lastError,
                sync.lastErrorAt);
    }
}
