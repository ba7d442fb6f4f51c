package io.switchboard.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.common.Ids;
import io.switchboard.common.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The outbox: an event is written in the transaction of the change that caused it, with one
 * pending delivery per enabled endpoint subscribed to its type, so it exists if and only if the
 * change committed; the delivery workers send it afterwards. Nothing is written (and the resource
 * is not even rendered) when no endpoint of the tenant subscribes to the type.
 */
@ApplicationScoped
public class TenantEvents {

    /** The body sent: what the Standard Webhooks specification suggests, the contract's shape. */
    record Body(String type, Instant timestamp, Object data) {}

    private static final String SUBSCRIBED =
            "SELECT EXISTS (SELECT 1 FROM webhook_endpoints WHERE tenant_id = ? AND enabled"
                    + " AND event_types @> ARRAY[CAST(? AS text)])";

    private static final String WRITE = "WITH e AS (INSERT INTO events (tenant_id, id, type, payload, created_at)"
            + " VALUES (?, ?, ?, ?, ?) RETURNING tenant_id, id)"
            + " INSERT INTO event_deliveries (tenant_id, id, event_id, endpoint_id, next_attempt_at, created_at)"
            + " SELECT e.tenant_id, gen_random_uuid(), e.id, w.id, now(), now() FROM e"
            + " JOIN webhook_endpoints w ON w.tenant_id = e.tenant_id"
            + " WHERE w.enabled AND w.event_types @> ARRAY[CAST(? AS text)]";

    private final EntityManager entityManager;
    private final ObjectMapper json;
    private final EventMetrics metrics;

    TenantEvents(EntityManager entityManager, ObjectMapper json, EventMetrics metrics) {
        this.entityManager = entityManager;
        this.json = json;
        this.metrics = metrics;
    }

    /**
     * Records that {@code type} happened to the resource {@code data} renders (as the tenant API
     * shows it), in the caller's transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(UUID tenantId, EventType type, Supplier<?> data) {
        boolean subscribed = Jdbc.first(entityManager, SUBSCRIBED, Boolean.class, tenantId, type.wire())
                .orElse(false);
        if (!subscribed) {
            return;
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String payload;
        try {
            payload = json.writeValueAsString(new Body(type.wire(), now, data.get()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An API view did not serialise", e);
        }
        Jdbc.update(entityManager, WRITE, tenantId, Ids.newId(), type.wire(), payload, now, type.wire());
        metrics.created(type);
    }
}
