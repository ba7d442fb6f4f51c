package io.switchboard.event;

import io.switchboard.common.TenantEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** An event as written by {@link TenantEvents}: its body exactly as sent and signed. Never changed. */
@Entity
@Table(name = "events")
@org.hibernate.annotations.Immutable
public class Event extends TenantEntity {

    @Column(name = "type", nullable = false)
    public String type;

    @Column(name = "payload", nullable = false)
    public String payload;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public static Optional<Event> findForTenant(UUID tenantId, UUID id) {
        return find("tenantId = ?1 and id = ?2", tenantId, id).firstResultOptional();
    }
}
