package io.switchboard.event;

import io.switchboard.common.TenantEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What one attempt got back: the status code, how long it took, the error, the answer's first bytes. */
@Entity
@Table(name = "delivery_attempts")
@org.hibernate.annotations.Immutable
public class DeliveryAttempt extends TenantEntity {

    @Column(name = "delivery_id", nullable = false)
    public UUID deliveryId;

    @Column(name = "attempt", nullable = false)
    public int attempt;

    @Column(name = "attempted_at", nullable = false)
    public Instant attemptedAt;

    @Column(name = "duration_ms", nullable = false)
    public int durationMs;

    @Column(name = "status_code")
    public Integer statusCode;

    @Column(name = "error")
    public String error;

    @Column(name = "response_excerpt")
    public String responseExcerpt;

    public static List<DeliveryAttempt> listForDeliveries(UUID tenantId, List<UUID> deliveryIds) {
        return deliveryIds.isEmpty()
                ? List.of()
                : list("tenantId = ?1 and deliveryId in ?2 order by attempt", tenantId, deliveryIds);
    }
}
