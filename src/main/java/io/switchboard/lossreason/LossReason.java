package io.switchboard.lossreason;

import io.switchboard.common.TrackedTenantEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Why a deal was lost; names are unique per tenant, and a reason in use is deactivated, not deleted. */
@Entity
@Table(name = "loss_reasons")
public class LossReason extends TrackedTenantEntity {

    @Column(name = "name", nullable = false)
    public String name;

    @Column(name = "description")
    public String description;

    @Column(name = "active", nullable = false)
    public boolean active = true;

    public static Optional<LossReason> findForTenant(UUID tenantId, UUID id) {
        return find("tenantId = ?1 and id = ?2", tenantId, id).firstResultOptional();
    }

    /**
     * Deletes the reason unless a call refers to it; false when it is in use. Calls depend on loss
     * reasons (a foreign key), not the other way round, so the check is in the query, not in Java.
     */
    public static boolean deleteUnlessUsed(UUID tenantId, UUID id) {
        return delete(
                        "tenantId = ?1 and id = ?2 and not exists"
                                + " (select 1 from Call c where c.tenantId = ?1 and c.lossReasonId = ?2)",
                        tenantId,
                        id)
                > 0;
    }

    public static List<LossReason> listForTenant(UUID tenantId) {
        return list("tenantId = ?1 order by lower(name)", tenantId);
    }
}
