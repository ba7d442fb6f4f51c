package io.switchboard.tenant;

import jakarta.enterprise.context.RequestScoped;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The tenant (and actor) of the current request, set once it is resolved. Every transaction
 * begun while it is set runs with that tenant in PostgreSQL's row-level security context
 * ({@link TenantTransactionBinder}); without it, tenant tables show no rows at all.
 */
@RequestScoped
public class TenantContext {

    private final TransactionManager transactions;
    private final BoundTenant boundTenant;
    private UUID tenantId;
    private Actor actor = Actor.system();

    TenantContext(TransactionManager transactions, BoundTenant boundTenant) {
        this.transactions = transactions;
        this.boundTenant = boundTenant;
    }

    /** Binds this request to a tenant. Switching to another tenant within one request is refused. */
    public void enter(UUID tenantId, Actor actor) {
        if (this.tenantId != null && !this.tenantId.equals(tenantId)) {
            throw new IllegalStateException("This request already works for another tenant");
        }
        this.tenantId = tenantId;
        this.actor = actor;
    }

    /**
     * For jobs that visit tenants one after another within one request (key rotation,
     * reconciliation): works as {@code tenantId} for the duration of {@code work}, which must
     * begin its own transactions. Refused when the request already has a tenant.
     */
    public <T> T runAs(UUID tenantId, Actor actor, Supplier<T> work) {
        if (this.tenantId != null) {
            throw new IllegalStateException("This request already works for a tenant");
        }
        this.tenantId = tenantId;
        this.actor = actor;
        try {
            return work.get();
        } finally {
            this.tenantId = null;
            this.actor = Actor.system();
        }
    }

    public Optional<UUID> tenantId() {
        return Optional.ofNullable(tenantId);
    }

    /**
     * The tenant, for code that only runs after resolution; its absence is a programming error.
     * Inside a transaction it also checks that PostgreSQL holds this tenant for the transaction, so
     * work never goes on (and never answers "not found") under row-level security without it.
     */
    public UUID requireTenantId() {
        if (tenantId == null) {
            throw new IllegalStateException("No tenant has been resolved for this request");
        }
        if (inTransaction() && !tenantId.equals(boundTenant.tenantId())) {
            throw new TenantContextLostException();
        }
        return tenantId;
    }

    private boolean inTransaction() {
        try {
            return transactions.getStatus() == Status.STATUS_ACTIVE;
        } catch (SystemException e) {
            return false;
        }
    }

    public Actor actor() {
        return actor;
    }
}
