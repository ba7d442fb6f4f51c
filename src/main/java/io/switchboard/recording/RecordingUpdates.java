package io.switchboard.recording;

import io.switchboard.common.Ids;
import io.switchboard.common.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.UUID;

/**
 * Applies recording callbacks: one row per recording SID, linked to its call when the call is
 * known (or later, when it arrives), status only moving forward, duplicates writing nothing.
 */
@ApplicationScoped
public class RecordingUpdates {

    private static final String UPSERT = "INSERT INTO recordings AS r (tenant_id, id, sid, call_id, call_sid, url, status,"
            + " duration_seconds, channels, source, created_at, updated_at)"
            + " VALUES (?, ?, ?, (SELECT id FROM calls WHERE tenant_id = ? AND sid = ?), ?, ?, ?, ?, ?, ?, now(), now())"
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
        Jdbc.update(entityManager, UPSERT, tenantId, Ids.newId(), update.sid(), tenantId, update.callSid(),
                update.callSid(), update.url(), update.status(), update.durationSeconds(), update.channels(),
                update.source());
    }
}
