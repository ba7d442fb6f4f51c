package io.switchboard.tenant;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionScoped;
import java.util.UUID;

/**
 * Sets the tenant and actor of the current request into PostgreSQL at the start of every
 * transaction, with {@code set_config(..., true)}: the values live exactly as long as the
 * transaction, so a pooled connection can never carry one tenant's context into another's work,
 * and this also holds behind PgBouncer in transaction mode. With no tenant resolved nothing is
 * set, and row-level security shows no tenant rows (fail closed).
 *
 * <p>One statement sets all values, so the context costs one round trip per transaction.
 */
@ApplicationScoped
class TenantTransactionBinder {

    private static final String SET_CONTEXT = "SELECT set_config('app.tenant_id', ?1, true),"
            + " set_config('app.actor_kind', ?2, true), set_config('app.actor_user_id', ?3, true),"
            + " set_config('app.actor_api_key_id', ?4, true), set_config('app.client_ip', ?5, true),"
            + " set_config('app.user_agent', ?6, true)";

    private static final org.jboss.logging.Logger LOG =
            org.jboss.logging.Logger.getLogger(TenantTransactionBinder.class);

    private final EntityManager entityManager;
    private final TenantContext tenantContext;
    private final BoundTenant boundTenant;

    TenantTransactionBinder(EntityManager entityManager, TenantContext tenantContext, BoundTenant boundTenant) {
        this.entityManager = entityManager;
        this.tenantContext = tenantContext;
        this.boundTenant = boundTenant;
    }

    void onTransactionBegin(@Observes @Initialized(TransactionScoped.class) Object transaction) {
        ManagedContext requestContext = Arc.container().requestContext();
        if (!requestContext.isActive() || tenantContext.tenantId().isEmpty()) {
            return;
        }
        UUID tenantId = tenantContext.tenantId().orElseThrow();
        Actor actor = tenantContext.actor();
        try {
            entityManager
                    .createNativeQuery(SET_CONTEXT)
                    .setParameter(1, tenantId.toString())
                    .setParameter(2, actor.kind().wire())
                    .setParameter(3, text(actor.userId()))
                    .setParameter(4, text(actor.apiKeyId()))
                    .setParameter(5, text(actor.ip()))
                    .setParameter(6, text(actor.userAgent()))
                    .getSingleResult();
            boundTenant.bind(tenantId);
        } catch (RuntimeException e) {
            // Not thrown from here: an exception while the transaction begins would leave it attached
            // to the thread. Unbound, the transaction's first TenantContext.requireTenantId() fails
            // (503) inside the transactional method, whose interceptor then rolls back cleanly.
            LOG.warnf("Could not set the tenant context for a transaction: %s", e.getMessage());
        }
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
