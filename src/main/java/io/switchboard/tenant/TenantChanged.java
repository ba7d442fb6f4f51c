package io.switchboard.tenant;

import java.util.UUID;

/** Fired when an operator changes a tenant (status, credentials, domain), so caches of it are dropped. */
public record TenantChanged(UUID tenantId) {}
