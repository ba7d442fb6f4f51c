package io.switchboard.tenant;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.switchboard.common.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionScoped;
import java.util.UUID;
import org.jboss.logging.Logger;

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

    private static final String SET_CONTEXT = "SELECT set_config('app.tenant_id', ?, true),"
            + " set_config('app.actor_kind', ?, true), set_config('app.actor_user_id', ?, true),"
            + " set_config('app.actor_api_key_id', ?, true), set_config('app.client_ip', ?, true),"
            + " set_config('app.user_agent', ?, true)";

    private static final Logger LOG = Logger.getLogger(TenantTransactionBinder.class);

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
            Jdbc.first(
                    entityManager,
                    SET_CONTEXT,
                    row -> Boolean.TRUE,
                    tenantId.toString(),
                    actor.kind().wire(),
                    text(actor.userId()),
                    text(actor.apiKeyId()),
                    text(actor.ip()),
                    text(actor.userAgent()));
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
