package io.switchboard.message;

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
 * Applies what Twilio says of a message, whoever says it (the inbound-SMS and status webhooks, the
 * answer to a send, reconciliation), idempotently: one row per message SID whatever arrives first,
 * missing fields filled in, the status only moving forward, and nothing written when nothing
 * changes.
 */
@ApplicationScoped
public class MessageUpdates {

    private static final String UPSERT = "WITH prior AS (SELECT status FROM messages WHERE tenant_id = ? AND sid = ?),"
            + " written AS (INSERT INTO messages AS m (tenant_id, id, sid, from_number, to_number, body, direction,"
            + "   status, num_segments, num_media, error_code, error_message, created_at, updated_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now(), now())"
            + " ON CONFLICT (tenant_id, sid) DO UPDATE SET"
            + " from_number = coalesce(m.from_number, EXCLUDED.from_number),"
            + " to_number = coalesce(m.to_number, EXCLUDED.to_number),"
            + " body = coalesce(m.body, EXCLUDED.body),"
            + " num_segments = coalesce(m.num_segments, EXCLUDED.num_segments),"
            + " num_media = coalesce(m.num_media, EXCLUDED.num_media),"
            + " status = CASE WHEN message_status_stage(EXCLUDED.status) > message_status_stage(m.status)"
            + "   THEN EXCLUDED.status ELSE m.status END,"
            + " error_code = coalesce(EXCLUDED.error_code, m.error_code),"
            + " error_message = coalesce(EXCLUDED.error_message, m.error_message),"
            + " updated_at = now()"
            + " WHERE message_status_stage(EXCLUDED.status) > message_status_stage(m.status)"
            + " OR (m.from_number IS NULL AND EXCLUDED.from_number IS NOT NULL)"
            + " OR (m.to_number IS NULL AND EXCLUDED.to_number IS NOT NULL)"
            + " OR (m.body IS NULL AND EXCLUDED.body IS NOT NULL)"
            + " OR (m.num_segments IS NULL AND EXCLUDED.num_segments IS NOT NULL)"
            + " OR (m.num_media IS NULL AND EXCLUDED.num_media IS NOT NULL)"
            + " OR (EXCLUDED.error_code IS NOT NULL AND EXCLUDED.error_code IS DISTINCT FROM m.error_code)"
            + " OR (EXCLUDED.error_message IS NOT NULL AND EXCLUDED.error_message IS DISTINCT FROM m.error_message)"
            + " RETURNING id, (xmax = 0) AS inserted, status)"
            + " SELECT w.id, w.inserted, (SELECT status FROM prior), w.status FROM written w";

    private final EntityManager entityManager;
    private final TenantEvents events;

    MessageUpdates(EntityManager entityManager, TenantEvents events) {
        this.entityManager = entityManager;
        this.events = events;
    }

    /** An SMS received on the tenant's number. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Upsert recordInbound(UUID tenantId, TwilioMessageUpdate message) {
        return upsert(
                tenantId,
                message,
                MessageDirection.INBOUND,
                message.status() == null ? MessageStatus.RECEIVED : message.status());
    }

    /** Our own record of a message Twilio accepted; its status callback may have created the row already. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Upsert recordSent(UUID tenantId, TwilioMessageUpdate message) {
        return upsert(tenantId, message, MessageDirection.OUTBOUND_API, message.status());
    }

    /** A status callback; a status for a message not stored yet (sent outside Switchboard) creates it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Upsert applyStatus(UUID tenantId, TwilioMessageUpdate update) {
        return upsert(tenantId, update, MessageDirection.OUTBOUND_API, update.status());
    }

    /** Twilio's own record, read back by reconciliation, with its direction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Upsert reconcile(UUID tenantId, TwilioMessageUpdate message, MessageDirection direction) {
        return upsert(tenantId, message, direction, message.status());
    }

    /**
     * The upsert, and what the tenant's endpoints hear of it in the same transaction:
     * message.received for an inbound message first stored, message.status_changed when a status
     * moves (or first arrives for a message sent outside Switchboard).
     */
    private Upsert upsert(
            UUID tenantId, TwilioMessageUpdate message, MessageDirection direction, MessageStatus status) {
        Upsert upsert = write(tenantId, message, direction, status);
        Supplier<MessageView> view = () ->
                MessageView.of(Message.findForTenant(tenantId, upsert.id()).orElseThrow());
        if (upsert.kind() == Upsert.Kind.CREATED && direction == MessageDirection.INBOUND) {
            events.record(tenantId, EventType.MESSAGE_RECEIVED, view);
        } else if (upsert.statusChanged()) {
            events.record(tenantId, EventType.MESSAGE_STATUS_CHANGED, view);
        }
        return upsert;
    }

    private Upsert write(UUID tenantId, TwilioMessageUpdate message, MessageDirection direction, MessageStatus status) {
        return Jdbc.first(
                        entityManager,
                        UPSERT,
                        row -> new Upsert(
                                row.getObject(1, UUID.class),
                                row.getBoolean(2) ? Upsert.Kind.CREATED : Upsert.Kind.UPDATED,
                                row.getString(3),
                                row.getString(4)),
                        tenantId,
                        message.sid(),
                        tenantId,
                        Ids.newId(),
                        message.sid(),
                        message.from(),
                        message.to(),
                        message.body(),
                        direction,
                        status,
                        message.numSegments(),
                        message.numMedia(),
                        message.errorCode(),
                        message.errorMessage())
                .or(() -> Jdbc.first(
                        entityManager,
                        "SELECT id, status FROM messages WHERE tenant_id = ? AND sid = ?",
                        row -> Upsert.unchanged(row.getObject(1, UUID.class), row.getString(2)),
                        tenantId,
                        message.sid()))
                .orElseThrow();
    }
}
