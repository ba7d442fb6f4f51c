package io.switchboard.tenant;

import io.switchboard.common.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Changes what routes requests to a tenant: its status, custom domain and Twilio account SID. The
 * runtime login may not update those columns directly (migration V5); only this function may, and
 * only within an operator's transaction for that tenant.
 */
@ApplicationScoped
public class TenantRouting {

    private final EntityManager entityManager;

    TenantRouting(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Sets all three (pass the current value for those that stay) and returns the tenant as stored. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Tenant change(Tenant tenant, TenantStatus status, String customDomain, String accountSid) {
        entityManager.flush();
        Jdbc.first(
                entityManager,
                "SELECT operator_set_tenant_routing(?, ?, ?, ?)",
                row -> Boolean.TRUE,
                tenant.id,
                status,
                customDomain,
                accountSid);
        entityManager.refresh(tenant);
        return tenant;
    }
}
