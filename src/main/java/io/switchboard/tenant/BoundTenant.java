package io.switchboard.tenant;

import jakarta.transaction.TransactionScoped;
import java.io.Serializable;
import java.util.UUID;

/**
 * The tenant PostgreSQL actually holds for the current transaction: set by
 * {@link TenantTransactionBinder} only once its set_config statement has succeeded.
 */
@TransactionScoped
class BoundTenant implements Serializable {

    private UUID tenantId;

    void bind(UUID tenantId) {
        this.tenantId = tenantId;
    }

    UUID tenantId() {
        return tenantId;
    }
}
