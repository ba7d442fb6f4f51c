package io.switchboard.event;

import io.switchboard.common.Ids;
import io.switchboard.common.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * The statements that move a claimed delivery on, each in the tenant's transaction and fenced by
 * the claim (this worker, this attempt, still pending): a worker whose claim ran out and was taken
 * over writes nothing, so no attempt is recorded twice.
 */
@ApplicationScoped
class DeliveryLedger {

    /** What a claimed attempt needs: the event as stored, and where and with what to sign it. */
    record Prepared(
            UUID eventId,
            String payload,
            UUID endpointId,
            String url,
            boolean endpointEnabled,
            String secretEncrypted,
            String previousSecretEncrypted,
            Instant previousSecretUntil) {}

    /** How an attempt ended, for the record. */
    record Outcome(Integer statusCode, String error, String responseExcerpt, Duration took) {}

    private static final String FENCE =
            " WHERE tenant_id = ? AND id = ? AND state = 'pending'" + " AND claimed_by = ? AND attempts = ?";

    private final EntityManager entityManager;

    DeliveryLedger(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    Optional<Prepared> prepare(UUID tenantId, UUID deliveryId, String owner, int attempt) {
        return Jdbc.first(
                entityManager,
                "SELECT e.id, e.payload, w.id, w.url, w.enabled, w.secret_enc, w.previous_secret_enc,"
                        + " w.previous_secret_until FROM event_deliveries d"
                        + " JOIN events e ON e.tenant_id = d.tenant_id AND e.id = d.event_id"
                        + " JOIN webhook_endpoints w ON w.tenant_id = d.tenant_id AND w.id = d.endpoint_id"
                        + " WHERE d.tenant_id = ? AND d.id = ? AND d.state = 'pending' AND d.claimed_by = ?"
                        + " AND d.attempts = ?",
                DeliveryLedger::prepared,
                tenantId,
                deliveryId,
                owner,
                attempt);
    }

    /** A 2xx: the delivery is done and the endpoint is healthy again. */
    @Transactional(Transactional.TxType.MANDATORY)
    boolean delivered(UUID tenantId, UUID deliveryId, UUID endpointId, String owner, int attempt, Outcome outcome) {
        if (!finish(tenantId, deliveryId, owner, attempt, "succeeded", null, outcome)) {
            return false;
        }
        Jdbc.update(
                entityManager,
                "UPDATE webhook_endpoints SET failing_since = NULL"
                        + " WHERE tenant_id = ? AND id = ? AND failing_since IS NOT NULL",
                tenantId,
                endpointId);
        return true;
    }

    /**
     * A failed attempt: another at {@code retryAt}, or none (null: given up). The endpoint's failing
     * streak starts (or goes on); when it has gone on for {@code disableAfter}, the endpoint is
     * disabled with the reason, and its other pending deliveries end with it. Returns whether it
     * disabled the endpoint.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    boolean failed(
            UUID tenantId,
            UUID deliveryId,
            UUID endpointId,
            String owner,
            int attempt,
            Outcome outcome,
            Instant retryAt,
            Duration disableAfter) {
        boolean recorded = retryAt == null
                ? finish(tenantId, deliveryId, owner, attempt, "failed", null, outcome)
                : finish(tenantId, deliveryId, owner, attempt, "pending", retryAt, outcome);
        if (!recorded) {
            return false;
        }
        Instant failingSince = Jdbc.first(
                        entityManager,
                        "UPDATE webhook_endpoints SET failing_since = coalesce(failing_since, now())"
                                + " WHERE tenant_id = ? AND id = ? RETURNING failing_since",
                        row -> row.getObject(1, OffsetDateTime.class).toInstant(),
                        tenantId,
                        endpointId)
                .orElse(null);
        if (failingSince == null || failingSince.isAfter(Instant.now().minus(disableAfter))) {
            return false;
        }
        String reason = "Disabled by Switchboard: deliveries have failed since " + failingSince + "; last: "
                + describe(outcome);
        int disabled = Jdbc.update(
                entityManager,
                "UPDATE webhook_endpoints SET enabled = false, disabled_reason = ?, disabled_at = now(),"
                        + " updated_at = now() WHERE tenant_id = ? AND id = ? AND enabled",
                reason.length() > 1000 ? reason.substring(0, 1000) : reason,
                tenantId,
                endpointId);
        Jdbc.update(
                entityManager,
                "UPDATE event_deliveries SET state = 'failed', finished_at = now(), claimed_by = NULL,"
                        + " claimed_until = NULL, last_error = 'the endpoint was disabled'"
                        + " WHERE tenant_id = ? AND endpoint_id = ? AND state = 'pending'",
                tenantId,
                endpointId);
        return disabled == 1;
    }

    /** The endpoint is paused or was deleted: the delivery ends without an attempt. */
    @Transactional(Transactional.TxType.MANDATORY)
    void dropped(UUID tenantId, UUID deliveryId, String owner, int attempt, String reason) {
        Jdbc.update(
                entityManager,
                "UPDATE event_deliveries SET state = 'failed', finished_at = now(), last_error = ?,"
                        + " claimed_by = NULL, claimed_until = NULL, attempts = attempts - 1"
                        + FENCE,
                reason,
                tenantId,
                deliveryId,
                owner,
                attempt);
    }

    private boolean finish(
            UUID tenantId, UUID deliveryId, String owner, int attempt, String state, Instant retryAt, Outcome outcome) {
        int updated = Jdbc.update(
                entityManager,
                "UPDATE event_deliveries SET state = ?, next_attempt_at = coalesce(?, next_attempt_at),"
                        + " finished_at = CASE WHEN ? = 'pending' THEN NULL ELSE now() END,"
                        + " last_attempt_at = now(), last_status_code = ?, last_error = ?,"
                        + " claimed_by = NULL, claimed_until = NULL"
                        + FENCE,
                state,
                retryAt,
                state,
                outcome.statusCode(),
                cut(outcome.error(), 1000),
                tenantId,
                deliveryId,
                owner,
                attempt);
        if (updated != 1) {
            return false;
        }
        Jdbc.update(
                entityManager,
                "INSERT INTO delivery_attempts (tenant_id, id, delivery_id, attempt, attempted_at, duration_ms,"
                        + " status_code, error, response_excerpt) VALUES (?, ?, ?, ?, now(), ?, ?, ?, ?)",
                tenantId,
                Ids.newId(),
                deliveryId,
                attempt,
                (int) Math.min(Integer.MAX_VALUE, outcome.took().toMillis()),
                outcome.statusCode(),
                cut(outcome.error(), 1000),
                cut(outcome.responseExcerpt(), 1024));
        return true;
    }

    private static String describe(Outcome outcome) {
        return outcome.statusCode() != null ? "HTTP " + outcome.statusCode() : outcome.error();
    }

    private static String cut(String value, int length) {
        return value == null || value.length() <= length ? value : value.substring(0, length);
    }

    private static Prepared prepared(ResultSet row) throws SQLException {
        OffsetDateTime until = row.getObject(8, OffsetDateTime.class);
        return new Prepared(
                row.getObject(1, UUID.class),
                row.getString(2),
                row.getObject(3, UUID.class),
                row.getString(4),
                row.getBoolean(5),
                row.getString(6),
                row.getString(7),
                until == null ? null : until.toInstant());
    }
}
