package io.switchboard.tenant;

import io.switchboard.common.DatabaseUnavailableException;

/**
 * The transaction runs without the tenant in PostgreSQL's context (the statement that sets it
 * failed, typically while the database was going away). Row-level security would make every row
 * invisible; answering "not found" from that would be wrong, so this is a retryable outage (503).
 */
public class TenantContextLostException extends DatabaseUnavailableException {

    TenantContextLostException() {
        super("The tenant context could not be set in the database for this transaction", null);
    }
}
