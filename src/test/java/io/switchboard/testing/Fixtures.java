package io.switchboard.testing;

import static io.switchboard.testing.Database.update;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Rows for database-level tests, written through SQL as the runtime login with the tenant set. */
public final class Fixtures {

    /**
     * A syntactically valid ciphertext under the test keyring's key id; database tests never
     * decrypt it (a key id the keyring lacks would rightly stop the next start).
     */
    public static final String FAKE_CIPHERTEXT = "sb1:dev-2026:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    private Fixtures() {}

    public static String randomHex(int characters) {
        byte[] bytes = new byte[(characters + 1) / 2];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes).substring(0, characters);
    }

    public static String sid(String prefix) {
        return prefix + randomHex(32);
    }

    /** A tenant with one row in every tenant table; the connection must be in that tenant's transaction. */
    public record TenantRows(UUID tenantId, UUID userId, UUID lossReasonId, UUID callId) {}

    public static TenantRows seedTenant(Connection c, UUID tenantId) throws SQLException {
        update(
                c,
                "INSERT INTO tenants (id, name, twilio_account_sid, twilio_auth_token_enc) VALUES (?, ?, ?, ?)",
                tenantId,
                "Tenant " + tenantId,
                sid("AC"),
                FAKE_CIPHERTEXT);
        update(c, "INSERT INTO settings (tenant_id) VALUES (?)", tenantId);
        UUID keyId = UUID.randomUUID();
        byte[] hash = new byte[32];
        ThreadLocalRandom.current().nextBytes(hash);
        update(
                c,
                "INSERT INTO api_keys (tenant_id, id, prefix, secret_hash) VALUES (?, ?, 'sb_live_test', ?)",
                tenantId,
                keyId,
                hash);
        UUID userId = UUID.randomUUID();
        update(
                c,
                "INSERT INTO users (tenant_id, id, email, name, password_hash, role) VALUES (?, ?, ?, 'Rep', 'x', 'sales')",
                tenantId,
                userId,
                "rep-" + userId + "@example.com");
        update(
                c,
                "INSERT INTO sessions (tenant_id, id, user_id, expires_at) VALUES (?, ?, ?, now() + interval '1 hour')",
                tenantId,
                UUID.randomUUID(),
                userId);
        UUID reasonId = UUID.randomUUID();
        update(c, "INSERT INTO loss_reasons (tenant_id, id, name) VALUES (?, ?, 'Price')", tenantId, reasonId);
        UUID callId = UUID.randomUUID();
        update(
                c,
                "INSERT INTO calls (tenant_id, id, sid, status, user_id, outcome, loss_reason_id)"
                        + " VALUES (?, ?, ?, 'completed', ?, 'lost', ?)",
                tenantId,
                callId,
                sid("CA"),
                userId,
                reasonId);
        update(
                c,
                "INSERT INTO recordings (tenant_id, id, sid, call_id) VALUES (?, ?, ?, ?)",
                tenantId,
                UUID.randomUUID(),
                sid("RE"),
                callId);
        update(
                c,
                "INSERT INTO messages (tenant_id, id, sid, direction, body) VALUES (?, ?, ?, 'inbound', 'hi')",
                tenantId,
                UUID.randomUUID(),
                sid("SM"));
        update(c, "INSERT INTO products (tenant_id, id, name) VALUES (?, ?, 'Plan')", tenantId, UUID.randomUUID());
        update(
                c,
                "INSERT INTO content (tenant_id, id, title, type, body) VALUES (?, ?, 'Hello', 'greeting', 'Hi')",
                tenantId,
                UUID.randomUUID());
        update(
                c,
                "INSERT INTO paid_action_windows (tenant_id, window_start, actions) VALUES (?, date_trunc('minute', now()), 1)",
                tenantId);
        update(c, "INSERT INTO tenant_sync (tenant_id, watermark) VALUES (?, now())", tenantId);
        UUID endpointId = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        UUID deliveryId = UUID.randomUUID();
        update(
                c,
                "INSERT INTO webhook_endpoints (tenant_id, id, url, event_types, secret_enc)"
                        + " VALUES (?, ?, 'https://app.example.com/hooks', ARRAY['call.completed'], ?)",
                tenantId,
                endpointId,
                FAKE_CIPHERTEXT);
        update(
                c,
                "INSERT INTO events (tenant_id, id, type, payload) VALUES (?, ?, 'call.completed', '{}')",
                tenantId,
                eventId);
        update(
                c,
                "INSERT INTO event_deliveries (tenant_id, id, event_id, endpoint_id, state) VALUES (?, ?, ?, ?, 'succeeded')",
                tenantId,
                deliveryId,
                eventId,
                endpointId);
        update(
                c,
                "INSERT INTO delivery_attempts (tenant_id, id, delivery_id, attempt, duration_ms, status_code)"
                        + " VALUES (?, ?, ?, 1, 12, 200)",
                tenantId,
                UUID.randomUUID(),
                deliveryId);
        update(
                c,
                "INSERT INTO idempotency_keys (tenant_id, caller_kind, caller_id, idempotency_key, id, fingerprint,"
                        + " state, lease_until, expires_at)"
                        + " VALUES (?, 'api_key', ?, 'seed', ?, sha256('seed'), 'running', now(), now() + interval '1 day')",
                tenantId,
                keyId,
                UUID.randomUUID());
        update(
                c,
                "INSERT INTO audit_logs (tenant_id, table_name, action, actor_kind) VALUES (?, 'calls', 'insert', 'system')",
                tenantId);
        return new TenantRows(tenantId, userId, reasonId, callId);
    }
}
