package io.switchboard.recording;

import io.switchboard.common.Ids;
import io.switchboard.common.Jdbc;
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
    private static final String UPSERT = "WITH call AS ("
            + "   INSERT INTO calls AS c (tenant_id, id, sid, created_at, updated_at)"
            + "   SELECT ?, ?, ?, now(), now() WHERE CAST(? AS text) IS NOT NULL"
            + "   ON CONFLICT (tenant_id, sid) DO UPDATE SET sid = c.sid"
            + "   RETURNING id)"
            + " INSERT INTO recordings AS r (tenant_id, id, sid, call_id, call_sid, url, status,"
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
            + " OR (r.url IS NULL AND EXCLUDED.url IS NOT NULL)";

    private final EntityManager entityManager;

    RecordingUpdates(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(UUID tenantId, TwilioRecordingUpdate update) {
        Jdbc.update(
                entityManager,
                UPSERT,
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
                update.source());
    }
}
