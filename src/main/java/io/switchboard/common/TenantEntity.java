package io.switchboard.common;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PrePersist;
import java.util.UUID;

/**
 * A row owned by one tenant. The database key is (tenant_id, id); the entity is identified by id
 * alone, which is a random UUID and therefore unique on its own. Finders on subclasses always
 * take the tenant, and row-level security filters by it again underneath.
 */
@MappedSuperclass
public abstract class TenantEntity extends PanacheEntityBase {

    @Id
    @Column(name = "id", nullable = false, updatable = false)
    public UUID id;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    public UUID tenantId;

    @PrePersist
    void assignId() {
        if (id == null) {
            id = Ids.newId();
        }
    }
}
