package io.switchboard.common;

import java.util.UUID;

/**
 * Something a cache keeps of a tenant changed: its row in {@code table} (tenants, settings, content,
 * webhook_endpoints). Fired by the service that made the change, in its transaction (caches observe
 * it after completion, so this instance forgets at once), and by {@link ChangeFeed} for changes
 * another instance committed. {@code tenantId} null means "anything may have changed": the feed
 * was down and notifications may be lost.
 */
public record TenantDataChanged(String table, UUID tenantId) {

    public static TenantDataChanged everything() {
        return new TenantDataChanged(null, null);
    }

    public boolean concerns(String watchedTable) {
        return table == null || table.equals(watchedTable);
    }
}
