package io.switchboard.common;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import java.time.Instant;

/** A tenant row with creation and last-change times, kept by the entity rather than by callers. */
@MappedSuperclass
public abstract class TrackedTenantEntity extends TenantEntity {

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @PrePersist
    void stampCreation() {
        Instant now = Instant.now();
        if (createdAt == null) {
            createdAt = now;
        }
        updatedAt = now;
    }

    @PreUpdate
    void stampChange() {
        updatedAt = Instant.now();
    }
}
