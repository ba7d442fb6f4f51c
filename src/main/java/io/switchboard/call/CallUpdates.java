package io.switchboard.call;

import io.switchboard.common.Ids;
import io.switchboard.common.Jdbc;
import io.switchboard.common.Upsert;
import io.switchboard.event.EventType;
import io.switchboard.event.TenantEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Applies Twilio's view of a call, idempotently and in order: one row per call SID whatever
 * arrives first, repeated callbacks change nothing, and the status only moves forward (by stage,
 * then by Twilio's SequenceNumber); a final status is never replaced.
 */
@ApplicationScoped
public class CallUpdates {

    /** Whether the row's status should take the incoming one; c is the stored row, EXCLUDED the incoming. */
    private static final String ADVANCES = "(EXCLUDED.status IS NOT NULL AND (c.status IS NULL OR ("
            + "call_status_stage(c.status) < 4 AND (call_status_stage(EXCLUDED.status) > call_status_stage(c.status)"
            + " OR (call_status_stage(EXCLUDED.status) = call_status_stage(c.status)"
            + " AND coalesce(EXCLUDED.status_sequence, -1) > coalesce(c.status_sequence, -1))))))";

    private static final String UPSERT =
            "INSERT INTO calls AS c (tenant_id, id, sid, from_number, to_number, direction,"
                    + " status, status_sequence, duration_seconds, started_at, ended_at, call_type, user_id,"
                    + " created_at, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now(), now())"
                    + " ON CONFLICT (tenant_id, sid) DO UPDATE SET"
                    + " from_number = coalesce(c.from_number, EXCLUDED.from_number),"
                    + " to_number = coalesce(c.to_number, EXCLUDED.to_number),"
                    + " direction = coalesce(c.direction, EXCLUDED.direction),"
                    + " status = CASE WHEN " + ADVANCES + " THEN EXCLUDED.status ELSE c.status END,"
                    + " status_sequence = CASE WHEN " + ADVANCES
                    + " THEN EXCLUDED.status_sequence ELSE c.status_sequence END,"
                    + " duration_seconds = coalesce(EXCLUDED.duration_seconds, c.duration_seconds),"
                    + " started_at = coalesce(c.started_at, EXCLUDED.started_at),"
                    + " ended_at = coalesce(c.ended_at, EXCLUDED.ended_at),"
                    + " call_type = coalesce(c.call_type, EXCLUDED.call_type),"
                    + " user_id = coalesce(c.user_id, EXCLUDED.user_id),"
                    + " updated_at = now()"
                    // A callback that would change nothing writes nothing (no row version, no audit entry).
                    + " WHERE " + ADVANCES
                    + " OR (c.from_number IS NULL AND EXCLUDED.from_number IS NOT NULL)"
                    + " OR (c.to_number IS NULL AND EXCLUDED.to_number IS NOT NULL)"
                    + " OR (c.direction IS NULL AND EXCLUDED.direction IS NOT NULL)"
                    + " OR (EXCLUDED.duration_seconds IS NOT NULL AND EXCLUDED.duration_seconds IS DISTINCT FROM c.duration_seconds)"
                    + " OR (c.started_at IS NULL AND EXCLUDED.started_at IS NOT NULL)"
                    + " OR (c.ended_at IS NULL AND EXCLUDED.ended_at IS NOT NULL)"
                    + " OR (c.call_type IS NULL AND EXCLUDED.call_type IS NOT NULL)"
                    + " OR (c.user_id IS NULL AND EXCLUDED.user_id IS NOT NULL)"
                    + " RETURNING id, tenant_id, sid, (xmax = 0) AS inserted, status";

    /**
     * The upsert, and for a call it has just created, the link from recordings Twilio reported
     * before the call: one statement, so one round trip.
     */
    private static final String UPSERT_AND_LINK =
            "WITH prior AS (SELECT status FROM calls WHERE tenant_id = ? AND sid = ?),"
                    + " written AS (" + UPSERT + "),"
                    + " linked AS (UPDATE recordings r SET call_id = w.id, updated_at = now() FROM written w"
                    + " WHERE w.inserted AND r.tenant_id = w.tenant_id AND r.call_sid = w.sid AND r.call_id IS NULL)"
                    + " SELECT w.id, w.inserted, (SELECT status FROM prior), w.status FROM written w";

    private final EntityManager entityManager;
    private final TenantEvents events;

    CallUpdates(EntityManager entityManager, TenantEvents events) {
        this.entityManager = entityManager;
        this.events = events;
    }

    /**
     * Records what Twilio says of a call; says whether it created the call, changed it, or changed
     * nothing, and tells the tenant's endpoints in the same transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Upsert apply(UUID tenantId, TwilioCallUpdate update) {
        return apply(tenantId, update, null, null);
    }

    /**
     * A call Switchboard has just placed through Twilio: an outbound call of {@code placedBy} (when a
     * person placed it), as its callbacks may have stored it already.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Upsert applyPlaced(UUID tenantId, TwilioCallUpdate update, UUID placedBy) {
        return apply(tenantId, update, CallType.OUTBOUND, placedBy);
    }

    private Upsert apply(UUID tenantId, TwilioCallUpdate update, CallType callType, UUID userId) {
        Upsert upsert = upsert(tenantId, update, callType, userId);
        announce(tenantId, upsert);
        return upsert;
    }

    /**
     * call.created when the call first has a status (a recording that came first stores the call
     * without one), call.status_changed when its status moves after that, call.completed when it
     * reaches a final status.
     */
    private void announce(UUID tenantId, Upsert upsert) {
        if (upsert.kind() == Upsert.Kind.UNCHANGED || upsert.status() == null) {
            return;
        }
        Supplier<CallView> view = memoized(() -> CallView.withRecordings(
                Call.findForTenant(tenantId, upsert.id()).orElseThrow()));
        boolean created = upsert.kind() == Upsert.Kind.CREATED || upsert.priorStatus() == null;
        if (created) {
            events.record(tenantId, EventType.CALL_CREATED, view);
        } else if (upsert.statusChanged()) {
            events.record(tenantId, EventType.CALL_STATUS_CHANGED, view);
        }
        boolean finalNow = CallStatus.isFinal(upsert.status());
        if (finalNow && (upsert.priorStatus() == null || !CallStatus.isFinal(upsert.priorStatus()))) {
            events.record(tenantId, EventType.CALL_COMPLETED, view);
        }
    }

    static <T> Supplier<T> memoized(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }

    private Upsert upsert(UUID tenantId, TwilioCallUpdate update, CallType callType, UUID userId) {
        return Jdbc.first(
                        entityManager,
                        UPSERT_AND_LINK,
                        row -> new Upsert(
                                row.getObject(1, UUID.class),
                                row.getBoolean(2) ? Upsert.Kind.CREATED : Upsert.Kind.UPDATED,
                                row.getString(3),
                                row.getString(4)),
                        tenantId,
                        update.sid(),
                        tenantId,
                        Ids.newId(),
                        update.sid(),
                        update.from(),
                        update.to(),
                        update.direction(),
                        update.status(),
                        update.sequenceNumber(),
                        update.durationSeconds(),
                        update.startedAt(),
                        update.endedAt(),
                        callType,
                        userId)
                // Nothing changed: a retried or stale callback.
                .or(() -> Jdbc.first(
                        entityManager,
                        "SELECT id, status FROM calls WHERE tenant_id = ? AND sid = ?",
                        row -> Upsert.unchanged(row.getObject(1, UUID.class), row.getString(2)),
                        tenantId,
                        update.sid()))
                .orElseThrow();
    }
}
