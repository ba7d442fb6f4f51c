package io.switchboard.message;

import io.switchboard.common.Ids;
import io.switchboard.common.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.UUID;

/** Applies message webhooks idempotently: one row per message SID, status only moving forward. */
@ApplicationScoped
public class MessageUpdates {

    private static final String INSERT_INBOUND =
            "INSERT INTO messages (tenant_id, id, sid, from_number, to_number, body,"
                    + " direction, status, num_segments, num_media, created_at, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, 'inbound', ?, ?, ?, now(), now())"
                    + " ON CONFLICT (tenant_id, sid) DO NOTHING";

    /** A status for a message we have not stored (sent outside Switchboard, or its row not yet committed) creates it. */
    private static final String UPSERT_STATUS = "INSERT INTO messages AS m (tenant_id, id, sid, from_number, to_number,"
            + " direction, status, error_code, error_message, created_at, updated_at)"
            + " VALUES (?, ?, ?, ?, ?, 'outbound-api', ?, ?, ?, now(), now())"
            + " ON CONFLICT (tenant_id, sid) DO UPDATE SET"
            + " status = EXCLUDED.status,"
            + " error_code = coalesce(EXCLUDED.error_code, m.error_code),"
            + " error_message = coalesce(EXCLUDED.error_message, m.error_message),"
            + " updated_at = now()"
            + " WHERE message_status_stage(EXCLUDED.status) > message_status_stage(m.status)";

    /** Our own record of a message Twilio accepted; its status callback may have created the row already. */
    private static final String UPSERT_SENT =
            "INSERT INTO messages AS m (tenant_id, id, sid, from_number, to_number, body,"
                    + " direction, status, num_segments, created_at, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, 'outbound-api', ?, ?, now(), now())"
                    + " ON CONFLICT (tenant_id, sid) DO UPDATE SET"
                    + " from_number = coalesce(m.from_number, EXCLUDED.from_number),"
                    + " to_number = coalesce(m.to_number, EXCLUDED.to_number),"
                    + " body = coalesce(m.body, EXCLUDED.body),"
                    + " num_segments = coalesce(m.num_segments, EXCLUDED.num_segments),"
                    + " status = CASE WHEN message_status_stage(EXCLUDED.status) > message_status_stage(m.status)"
                    + "   THEN EXCLUDED.status ELSE m.status END,"
                    + " updated_at = now()";

    private final EntityManager entityManager;

    MessageUpdates(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void recordInbound(UUID tenantId, TwilioMessageUpdate message) {
        Jdbc.update(
                entityManager,
                INSERT_INBOUND,
                tenantId,
                Ids.newId(),
                message.sid(),
                message.from(),
                message.to(),
                message.body(),
                message.status() == null ? MessageStatus.RECEIVED : message.status(),
                message.numSegments(),
                message.numMedia());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void recordSent(UUID tenantId, TwilioMessageUpdate message) {
        Jdbc.update(
                entityManager,
                UPSERT_SENT,
                tenantId,
                Ids.newId(),
                message.sid(),
                message.from(),
                message.to(),
                message.body(),
                message.status(),
                message.numSegments());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void applyStatus(UUID tenantId, TwilioMessageUpdate update) {
        Jdbc.update(
                entityManager,
                UPSERT_STATUS,
                tenantId,
                Ids.newId(),
                update.sid(),
                update.from(),
                update.to(),
                update.status(),
                update.errorCode(),
                update.errorMessage());
    }
}
