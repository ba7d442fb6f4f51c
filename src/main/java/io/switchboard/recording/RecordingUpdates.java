package io.switchboard.recording;

import io.switchboard.common.Ids;
import io.switchboard.common.Jdbc;
import io.switchboard.common.Upsert;
import io.switchboard.event.EventType;
import io.switchboard.event.TenantEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.UUID;

/**
 * Applies recording callbacks: one row per recording SID, always linked to its call (a recording
 * that beats its call creates the call, as a status callback does), status only moving forward,
 * duplicates writing nothing.
 */
@ApplicationScoped
public class RecordingUpdates {

    /**
     * The recording's call is found or created in the same statement, through the calls' unique
     * (tenant_id, sid) key: a call and its recording arriving at the same moment in two transactions
     * then meet on that key (one waits for the other), so the recording is always linked. Without a
     * CallSid the recording stands alone.
     */
    private static final String UPSERT =
            "WITH prior AS (SELECT status FROM recordings WHERE tenant_id = ? AND sid = ?),"
                    + " call AS ("
                    + "   INSERT INTO calls AS c (tenant_id, id, sid, created_at, updated_at)"
                    + "   SELECT ?, ?, ?, now(), now() WHERE CAST(? AS text) IS NOT NULL"
                    + "   ON CONFLICT (tenant_id, sid) DO UPDATE SET sid = c.sid"
                    + "   RETURNING id),"
                    + " written AS (INSERT INTO recordings AS r (tenant_id, id, sid, call_id, call_sid, url, status,"
                    + " duration_seconds, channels, source, created_at, updated_at)"
                    + " VALUES (?, ?, ?, (SELECT id FROM call), ?, ?, ?, ?, ?, ?, now(), now())"
                    + " ON CONFLICT (tenant_id, sid) DO UPDATE SET"
                    + " status = CASE WHEN recording_status_stage(EXCLUDED.status) > recording_status_stage(r.status)"
                    + "   THEN EXCLUDED.status ELSE r.status END,"
                    + " url = coalesce(EXCLUDED.url, r.url),"
                    + " duration_seconds = coalesce(EXCLUDED.duration_seconds, r.duration_seconds),"
                    + " channels = coalesce(EXCLUDED.channels, r.channels),"
                    + " call_id = coalesce(r.call_id, EXCLUDED.call_id),"
                    + " updated_at = now()"
                    + " WHERE recording_status_stage(EXCLUDED.status) > recording_status_stage(r.status)"
                    + " OR (r.call_id IS NULL AND EXCLUDED.call_id IS NOT NULL)"
                    + " OR (r.url IS NULL AND EXCLUDED.url IS NOT NULL)"
                    + " RETURNING r.id, (xmax = 0) AS inserted, r.status)"
                    + " SELECT w.id, w.inserted, (SELECT status FROM prior), w.status FROM written w";

    private final EntityManager entityManager;
    private final TenantEvents events;

    RecordingUpdates(EntityManager entityManager, TenantEvents events) {
        this.entityManager = entityManager;
        this.events = events;
    }

    /**
     * Records the update; says whether it created the recording, changed it, or changed nothing.
     * When the recording has just become completed, the tenant's endpoints hear of it
     * (recording.completed), in the same transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Upsert apply(UUID tenantId, TwilioRecordingUpdate update) {
        Upsert upsert = upsert(tenantId, update);
        boolean completedNow = RecordingStatus.COMPLETED.wire().equals(upsert.status())
                && !RecordingStatus.COMPLETED.wire().equals(upsert.priorStatus())
                && upsert.kind() != Upsert.Kind.UNCHANGED;
        if (completedNow) {
            events.record(
                    tenantId,
                    EventType.RECORDING_COMPLETED,
                    () -> RecordingView.of(
                            Recording.findForTenant(tenantId, upsert.id()).orElseThrow()));
        }
        return upsert;
    }

    private Upsert upsert(UUID tenantId, TwilioRecordingUpdate update) {
        return Jdbc.first(
                        entityManager,
                        UPSERT,
                        row -> new Upsert(
                                row.getObject(1, UUID.class),
                                row.getBoolean(2) ? Upsert.Kind.CREATED : Upsert.Kind.UPDATED,
                                row.getString(3),
                                row.getString(4)),
                        tenantId,
                        update.sid(),
                        tenantId,
                        Ids.newId(),
                        update.callSid(),
                        update.callSid(),
                        tenantId,
                        Ids.newId(),
                        update.sid(),
                        update.callSid(),
                        update.url(),
                        update.status(),
                        update.durationSeconds(),
                        update.channels(),
                        update.source())
                .or(() -> Jdbc.first(
                        entityManager,
                        "SELECT id, status FROM recordings WHERE tenant_id = ? AND sid = ?",
                        row -> Upsert.unchanged(row.getObject(1, UUID.class), row.getString(2)),
                        tenantId,
                        update.sid()))
                .orElseThrow();
    }
}
