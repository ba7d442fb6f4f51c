package io.switchboard.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.common.ApiException;
import io.switchboard.common.Jdbc;
import io.switchboard.common.Keyset;
import io.switchboard.common.Page;
import io.switchboard.common.PageRequest;
import io.switchboard.tenant.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** The tenant's event log, each event's deliveries, and sending an event again. */
@ApplicationScoped
@Transactional
public class EventService {

    public record Filter(EventType type, Instant since, Instant until) {}

    private static final Keyset.Order<Event, UUID> EVENTS_NEWEST_FIRST =
            new Keyset.Order<>("createdAt", event -> event.createdAt, event -> event.id, UUID::fromString);
    private static final Keyset.Order<Delivery, UUID> DELIVERIES_NEWEST_FIRST =
            new Keyset.Order<>("createdAt", delivery -> delivery.createdAt, delivery -> delivery.id, UUID::fromString);

    private final TenantContext tenantContext;
    private final EntityManager entityManager;
    private final ObjectMapper json;

    EventService(TenantContext tenantContext, EntityManager entityManager, ObjectMapper json) {
        this.tenantContext = tenantContext;
        this.entityManager = entityManager;
        this.json = json;
    }

    public Page<EventView> list(Filter filter, PageRequest page) {
        return Keyset.of(Event.class, tenantContext.requireTenantId(), EVENTS_NEWEST_FIRST)
                .and(
                        "e.type = :type",
                        "type",
                        filter.type() == null ? null : filter.type().wire())
                .and("e.createdAt >= :since", "since", filter.since())
                .and("e.createdAt < :until", "until", filter.until())
                .page(entityManager, page, this::view);
    }

    public EventView get(UUID id) {
        return view(find(id));
    }

    public Page<DeliveryView> deliveries(UUID eventId, PageRequest page) {
        UUID tenantId = tenantContext.requireTenantId();
        find(eventId);
        Page<Delivery> deliveries = Keyset.of(Delivery.class, tenantId, DELIVERIES_NEWEST_FIRST)
                .and("e.eventId = :event", "event", eventId)
                .page(entityManager, page, delivery -> delivery);
        Map<UUID, List<DeliveryView.Attempt>> attempts =
                DeliveryAttempt.listForDeliveries(
                                tenantId,
                                deliveries.data().stream().map(d -> d.id).toList())
                        .stream()
                        .collect(Collectors.groupingBy(
                                attempt -> attempt.deliveryId,
                                Collectors.mapping(DeliveryView.Attempt::of, Collectors.toList())));
        return new Page<>(
                deliveries.data().stream()
                        .map(d -> DeliveryView.of(d, attempts.getOrDefault(d.id, List.of())))
                        .toList(),
                deliveries.nextCursor());
    }

    /**
     * Sends the event again, with the same webhook-id, to every enabled endpoint subscribed to its
     * type now: a new delivery each, tried at once and retried like the first.
     */
    public List<DeliveryView> redeliver(UUID eventId) {
        UUID tenantId = tenantContext.requireTenantId();
        Event event = find(eventId);
        List<UUID> created = Jdbc.list(
                entityManager,
                "INSERT INTO event_deliveries (tenant_id, id, event_id, endpoint_id, next_attempt_at, created_at)"
                        + " SELECT w.tenant_id, gen_random_uuid(), ?, w.id, now(), now() FROM webhook_endpoints w"
                        + " WHERE w.tenant_id = ? AND w.enabled AND w.event_types @> ARRAY[CAST(? AS text)]"
                        + " RETURNING id",
                row -> row.getObject(1, UUID.class),
                eventId,
                tenantId,
                event.type);
        if (created.isEmpty()) {
            throw new ApiException.Conflict(
                    "No enabled webhook endpoint subscribes to " + event.type + " events; nothing to send");
        }
        entityManager.flush();
        return Delivery.<Delivery>list("tenantId = ?1 and id in ?2", tenantId, created).stream()
                .map(delivery -> DeliveryView.of(delivery, List.of()))
                .toList();
    }

    private Event find(UUID id) {
        return Event.findForTenant(tenantContext.requireTenantId(), id)
                .orElseThrow(() -> new ApiException.NotFound("Event " + id));
    }

    private EventView view(Event event) {
        try {
            JsonNode body = json.readTree(event.payload);
            return new EventView(
                    event.id,
                    event.type,
                    Instant.parse(body.get("timestamp").asText()),
                    json.convertValue(body.get("data"), new TypeReference<Map<String, Object>>() {}));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored event is not JSON", e);
        }
    }
}
