package io.switchboard.event;

import io.switchboard.common.TenantEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One event on its way to one endpoint, over as many attempts as it takes. Written only through
 * {@link DeliveryLedger} (claims and outcomes are fenced statements); read here for the API.
 */
@Entity
@Table(name = "event_deliveries")
@org.hibernate.annotations.Immutable
public class Delivery extends TenantEntity {

    @Column(name = "event_id", nullable = false)
    public UUID eventId;

    @Column(name = "endpoint_id", nullable = false)
    public UUID endpointId;

    /** pending, succeeded or failed (given up). */
    @Column(name = "state", nullable = false)
    public String state;

    @Column(name = "attempts", nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(name = "last_attempt_at")
    public Instant lastAttemptAt;

    @Column(name = "last_status_code")
    public Integer lastStatusCode;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "finished_at")
    public Instant finishedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
