package io.switchboard.reconciliation;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A tenant's reconciliation state, read for operators. It is written only through
 * {@link SyncLedger}, whose every statement is fenced by the lease, hence read-only here.
 */
@Entity
@Table(name = "tenant_sync")
@org.hibernate.annotations.Immutable
public class TenantSync extends PanacheEntityBase {

    @Id
    @Column(name = "tenant_id")
    public UUID tenantId;

    public Instant watermark;

    @Column(name = "requested_since")
    public Instant requestedSince;

    @Column(name = "requested_at")
    public Instant requestedAt;

    @Column(name = "pass_from")
    public Instant passFrom;

    @Column(name = "pass_to")
    public Instant passTo;

    @Column(name = "pass_resource")
    public String passResource;

    @Column(name = "lease_owner")
    public String leaseOwner;

    @Column(name = "lease_until")
    public Instant leaseUntil;

    @Column(name = "last_started_at")
    public Instant lastStartedAt;

    @Column(name = "last_finished_at")
    public Instant lastFinishedAt;

    @Column(name = "last_succeeded_at")
    public Instant lastSucceededAt;

    @Column(name = "calls_created")
    public int callsCreated;

    @Column(name = "calls_updated")
    public int callsUpdated;

    @Column(name = "recordings_created")
    public int recordingsCreated;

    @Column(name = "recordings_updated")
    public int recordingsUpdated;

    @Column(name = "messages_created")
    public int messagesCreated;

    @Column(name = "messages_updated")
    public int messagesUpdated;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "last_error_at")
    public Instant lastErrorAt;

    public static Optional<TenantSync> findForTenant(UUID tenantId) {
        return findByIdOptional(tenantId);
    }
}
