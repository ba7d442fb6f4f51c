package io.switchboard.product;

import io.switchboard.common.TrackedTenantEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.Optional;
import java.util.UUID;

/** Something a tenant sells; reps refer to it on calls. Prices are integer minor units. */
@Entity
@Table(name = "products")
public class Product extends TrackedTenantEntity {

    @Column(name = "name", nullable = false)
    public String name;

    @Column(name = "description")
    public String description;

    @Column(name = "price_cents")
    public Long priceCents;

    @Column(name = "currency")
    public String currency;

    @Column(name = "active", nullable = false)
    public boolean active = true;

    public static Optional<Product> findForTenant(UUID tenantId, UUID id) {
        return find("tenantId = ?1 and id = ?2", tenantId, id).firstResultOptional();
    }
}
