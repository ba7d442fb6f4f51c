package io.switchboard.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.common.ChangeAwareCache;
import io.switchboard.common.ChangeFeed;
import io.switchboard.common.Ids;
import io.switchboard.common.Jdbc;
import io.switchboard.common.TenantDataChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The outbox: an event is written in the transaction of the change that caused it, with one
 * pending delivery per enabled endpoint subscribed to its type, so it exists if and only if the
 * change committed; the delivery workers send it afterwards. Nothing is written (and the resource
 * is not even rendered) when no endpoint of the tenant subscribes to the type. Who subscribes is
 * remembered per tenant and forgotten on every instance when an endpoint changes, so an endpoint
 * receives the events of changes committed after its own creation committed and was heard (on the
 * instance that created it at once, elsewhere within milliseconds).
 */
@ApplicationScoped
public class TenantEvents {

    /** The body sent: what the Standard Webhooks specification suggests, the contract's shape. */
    record Body(String type, Instant timestamp, Object data) {}

    /** The event types some enabled endpoint of the tenant subscribes to. */
    private static final String SUBSCRIBED =
            "SELECT DISTINCT unnest(event_types) FROM webhook_endpoints WHERE tenant_id = ? AND enabled";

    private static final String WRITE = "WITH e AS (INSERT INTO events (tenant_id, id, type, payload, created_at)"
            + " VALUES (?, ?, ?, ?, ?) RETURNING tenant_id, id)"
            + " INSERT INTO event_deliveries (tenant_id, id, event_id, endpoint_id, next_attempt_at, created_at)"
            + " SELECT e.tenant_id, gen_random_uuid(), e.id, w.id, now(), now() FROM e"
            + " JOIN webhook_endpoints w ON w.tenant_id = e.tenant_id"
            + " WHERE w.enabled AND w.event_types @> ARRAY[CAST(? AS text)]";

    private final EntityManager entityManager;
    private final ObjectMapper json;
    private final EventMetrics metrics;
    /** Per tenant, so a change with no subscriber (the usual case) costs no query at all. */
    private final ChangeAwareCache<UUID, Set<String>> subscriptions;

    TenantEvents(EntityManager entityManager, ObjectMapper json, EventMetrics metrics, ChangeFeed feed) {
        this.entityManager = entityManager;
        this.json = json;
        this.metrics = metrics;
        this.subscriptions = new ChangeAwareCache<>(feed, 50_000);
    }

    /**
     * Records that {@code type} happened to the resource {@code data} renders (as the tenant API
     * shows it), in the caller's transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(UUID tenantId, EventType type, Supplier<?> data) {
        Set<String> subscribed = subscriptions.get(
                tenantId, () -> Set.copyOf(Jdbc.list(entityManager, SUBSCRIBED, row -> row.getString(1), tenantId)));
        if (!subscribed.contains(type.wire())) {
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

    void forget(@Observes(during = TransactionPhase.AFTER_COMPLETION) TenantDataChanged change) {
        subscriptions.forget(change, Set.of("webhook_endpoints"), (tenantId, types) -> tenantId);
    }
}
