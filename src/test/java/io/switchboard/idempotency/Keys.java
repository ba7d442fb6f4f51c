package io.switchboard.idempotency;

import io.switchboard.testing.Database;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;

/** The idempotency_keys table as the tests see it (as the superuser): rows a dead instance would leave behind. */
final class Keys {

    private Keys() {}

    /**
     * A claim of {@code key} by the tenant's API key for the request {@code method path body}, as
     * an instance left it; {@code leaseUntil} is SQL. Returns the claim's id.
     */
    static UUID insert(
            UUID tenantId,
            String key,
            String method,
            String path,
            String body,
            String state,
            String leaseUntil,
            String expiresAt)
            throws SQLException {
        UUID id = UUID.randomUUID();
        byte[] fingerprint = IdempotencyKeyFilter.fingerprint(method, path, body.getBytes(StandardCharsets.UTF_8));
        try (Connection db = Database.asSuperuser()) {
            Database.update(
                    db,
                    "INSERT INTO idempotency_keys (tenant_id, caller_kind, caller_id, idempotency_key, id, fingerprint,"
                            + " state, lease_until, expires_at) VALUES (?, 'api_key', ?, ?, ?, ?, ?, " + leaseUntil
                            + ", " + (expiresAt == null ? "now() + interval '1 day'" : expiresAt) + ")",
                    tenantId,
                    apiKeyId(db, tenantId),
                    key,
                    id,
                    fingerprint,
                    state);
        }
        return id;
    }

    /** As if the instance holding the key died a while ago. */
    static void expireLease(UUID tenantId, String key) throws SQLException {
        try (Connection db = Database.asSuperuser()) {
            Database.update(
                    db,
                    "UPDATE idempotency_keys SET lease_until = now() - interval '1 second'"
                            + " WHERE tenant_id = ? AND idempotency_key = ?",
                    tenantId,
                    key);
        }
    }

    static long count(String table, UUID tenantId) throws SQLException {
        try (Connection db = Database.asSuperuser()) {
            return (Long) Database.column(db, "SELECT count(*) FROM " + table + " WHERE tenant_id = ?", tenantId)
                    .get(0);
        }
    }

    static long auditRows(UUID tenantId) throws SQLException {
        return count("audit_logs", tenantId);
    }

    private static UUID apiKeyId(Connection db, UUID tenantId) throws SQLException {
        return (UUID) Database.column(db, "SELECT id FROM api_keys WHERE tenant_id = ? ORDER BY created_at", tenantId)
                .get(0);
    }
}
