package io.switchboard.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.switchboard.common.ApiException;
import io.switchboard.common.Ids;
import io.switchboard.common.Jdbc;
import io.switchboard.crypto.SecretCipher;
import io.switchboard.crypto.SecretField;
import io.switchboard.crypto.UndecryptableSecretException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * The keys in PostgreSQL (table {@code idempotency_keys}, migration V8), so every instance sees the
 * same ones and a restart forgets none. Each step that must be seen by a parallel request commits
 * on its own; storing an answer joins the transaction of the work it answers.
 */
@ApplicationScoped
public class IdempotencyKeys {

    /**
     * How long a claim is presumed alive without an answer. Longer than Twilio's connect and
     * response timeouts together (3 s + 10 s), so a live holder is never taken for a dead one
     * while it waits for Twilio; a holder that is slower anyway loses its claim and rolls back.
     */
    static final Duration LEASE = Duration.ofSeconds(30);

    /** How long a key is remembered (the IETF draft's and Stripe's 24 hours). */
    static final Duration RETENTION = Duration.ofHours(24);

    /** Who holds keys: an API key or a dashboard user of the tenant. */
    record Scope(UUID tenantId, String callerKind, UUID callerId) {}

    enum Verdict {
        /** This request holds the key and does the work. */
        OWNED,
        /** An earlier attempt reached Twilio and died; this request records what Twilio reported. */
        RECOVERING,
        REPLAY,
        ANOTHER_REQUEST,
        IN_PROGRESS,
        OUTCOME_UNKNOWN
    }

    record Claim(Verdict verdict, UUID id, String remoteSid, StoredResponse stored, long retryAfterSeconds) {}

    private record Row(
            UUID id,
            byte[] fingerprint,
            String state,
            String remoteSid,
            StoredResponse stored,
            boolean expired,
            boolean lapsed,
            long secondsLeft) {}

    private static final String INSERT = "INSERT INTO idempotency_keys (tenant_id, caller_kind, caller_id,"
            + " idempotency_key, id, fingerprint, state, lease_until, expires_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, 'running', now() + ? * interval '1 second', now() + ? * interval '1 second')"
            + " ON CONFLICT (tenant_id, caller_kind, caller_id, idempotency_key) DO NOTHING RETURNING id";

    private static final String COLUMNS = "id, fingerprint, state, remote_sid, response_status,"
            + " response_headers::text, response_body, expires_at <= now(), coalesce(lease_until <= now(), false),"
            + " coalesce(ceil(extract(epoch FROM lease_until - now())), 0)::bigint";

    private static final String EXISTING = "SELECT " + COLUMNS + " FROM idempotency_keys"
            + " WHERE tenant_id = ? AND caller_kind = ? AND caller_id = ? AND idempotency_key = ? FOR UPDATE";

    /** An expired key is a new key. */
    private static final String REUSE = "UPDATE idempotency_keys SET id = ?, fingerprint = ?, state = 'running',"
            + " lease_until = now() + ? * interval '1 second', remote_sid = NULL, response_status = NULL,"
            + " response_headers = NULL, response_body = NULL, created_at = now(),"
            + " expires_at = now() + ? * interval '1 second' WHERE tenant_id = ? AND id = ?";

    /** A new claim id fences the earlier holder out: its later writes find no row. */
    private static final String TAKE_OVER = "UPDATE idempotency_keys SET id = ?,"
            + " lease_until = now() + ? * interval '1 second' WHERE tenant_id = ? AND id = ?";

    private final EntityManager entityManager;
    private final ObjectMapper json;
    private final SecretCipher cipher;

    IdempotencyKeys(EntityManager entityManager, ObjectMapper json, SecretCipher cipher) {
        this.entityManager = entityManager;
        this.json = json;
        this.cipher = cipher;
    }

    /** Claims the key, or says why this request may not run; committed before the work starts. */
    Claim claim(Scope scope, String key, byte[] fingerprint) {
        return QuarkusTransaction.requiringNew().call(() -> {
            // A key released between our insert and our read is simply tried again.
            for (int attempt = 0; attempt < 3; attempt++) {
                UUID id = Ids.newId();
                boolean inserted = Jdbc.first(
                                entityManager,
                                INSERT,
                                UUID.class,
                                scope.tenantId(),
                                scope.callerKind(),
                                scope.callerId(),
                                key,
                                id,
                                fingerprint,
                                LEASE.toSeconds(),
                                RETENTION.toSeconds())
                        .isPresent();
                if (inserted) {
                    return new Claim(Verdict.OWNED, id, null, null, 0);
                }
                Optional<Row> existing = Jdbc.first(
                        entityManager,
                        EXISTING,
                        row -> row(scope.tenantId(), row),
                        scope.tenantId(),
                        scope.callerKind(),
                        scope.callerId(),
                        key);
                if (existing.isPresent()) {
                    return judge(scope, existing.get(), id, fingerprint);
                }
            }
            return new Claim(Verdict.IN_PROGRESS, null, null, null, 1);
        });
    }

    private Claim judge(Scope scope, Row row, UUID id, byte[] fingerprint) {
        if (row.expired()) {
            Jdbc.update(
                    entityManager,
                    REUSE,
                    id,
                    fingerprint,
                    LEASE.toSeconds(),
                    RETENTION.toSeconds(),
                    scope.tenantId(),
                    row.id());
            return new Claim(Verdict.OWNED, id, null, null, 0);
        }
        if (!Arrays.equals(row.fingerprint(), fingerprint)) {
            return new Claim(Verdict.ANOTHER_REQUEST, null, null, null, 0);
        }
        if (row.stored() != null) {
            return new Claim(Verdict.REPLAY, null, null, row.stored(), 0);
        }
        if (!row.lapsed()) {
            return new Claim(Verdict.IN_PROGRESS, null, null, null, Math.max(1, row.secondsLeft()));
        }
        boolean remote = "remote".equals(row.state());
        if (remote && row.remoteSid() == null) {
            // Twilio may have acted and has not said so yet; running it again could bill twice.
            return new Claim(Verdict.OUTCOME_UNKNOWN, null, null, null, 5);
        }
        Jdbc.update(entityManager, TAKE_OVER, id, LEASE.toSeconds(), scope.tenantId(), row.id());
        return new Claim(remote ? Verdict.RECOVERING : Verdict.OWNED, id, row.remoteSid(), null, 0);
    }

    /** What became of a claim this request lost: its answer if another request finished the work. */
    Claim after(Scope scope, String key, byte[] fingerprint) {
        return QuarkusTransaction.requiringNew().call(() -> Jdbc.first(
                        entityManager,
                        EXISTING,
                        row -> row(scope.tenantId(), row),
                        scope.tenantId(),
                        scope.callerKind(),
                        scope.callerId(),
                        key)
                .map(row -> row.stored() != null && Arrays.equals(row.fingerprint(), fingerprint)
                        ? new Claim(Verdict.REPLAY, null, null, row.stored(), 0)
                        : new Claim(Verdict.IN_PROGRESS, null, null, null, Math.max(1, row.secondsLeft())))
                .orElse(new Claim(Verdict.IN_PROGRESS, null, null, null, 1)));
    }

    /** Stores the answer in the caller's transaction; false when the claim is no longer this request's. */
    @Transactional(Transactional.TxType.MANDATORY)
    boolean complete(UUID tenantId, UUID id, StoredResponse answer) {
        return Jdbc.update(
                        entityManager,
                        "UPDATE idempotency_keys SET state = 'done', lease_until = NULL, response_status = ?,"
                                + " response_headers = CAST(? AS jsonb), response_body = ?"
                                + " WHERE tenant_id = ? AND id = ? AND state <> 'done'",
                        answer.status(),
                        answer.headersJson(json),
                        seal(tenantId, id, answer.body()),
                        tenantId,
                        id)
                == 1;
    }

    /** Commits that the remote request may now be sent; false when the claim is no longer this request's. */
    boolean remoteStarts(UUID tenantId, UUID id) {
        return QuarkusTransaction.requiringNew()
                .call(() -> Jdbc.update(
                                entityManager,
                                "UPDATE idempotency_keys SET state = 'remote', lease_until = now() + ? * interval '1 second'"
                                        + " WHERE tenant_id = ? AND id = ? AND state = 'running'",
                                LEASE.toSeconds(),
                                tenantId,
                                id)
                        == 1);
    }

    /** Gives the key back after a failure that changed nothing, so a retry runs the work. */
    void release(UUID tenantId, UUID id) {
        QuarkusTransaction.requiringNew()
                .run(() -> Jdbc.update(
                        entityManager,
                        "DELETE FROM idempotency_keys WHERE tenant_id = ? AND id = ? AND state <> 'done'"
                                + " AND remote_sid IS NULL",
                        tenantId,
                        id));
    }

    /** After a failure once Twilio may have acted: the outcome waits for Twilio's callback, never for a rerun. */
    void awaitRemoteOutcome(UUID tenantId, UUID id) {
        QuarkusTransaction.requiringNew()
                .run(() -> Jdbc.update(
                        entityManager,
                        "UPDATE idempotency_keys SET lease_until = now() WHERE tenant_id = ? AND id = ? AND state = 'remote'",
                        tenantId,
                        id));
    }

    /**
     * Twilio reported what a keyed request created (its status callback carries the claim's id):
     * kept until a retry records it, unless the request itself commits first. Runs in the webhook's
     * transaction; a claim that is settled, or unknown, is left as it is.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void remoteReported(UUID tenantId, UUID claimId, String sid) {
        Jdbc.update(
                entityManager,
                "UPDATE idempotency_keys SET remote_sid = ? WHERE tenant_id = ? AND id = ? AND state = 'remote'"
                        + " AND remote_sid IS NULL",
                sid,
                tenantId,
                claimId);
    }

    /**
     * Stored answers are encrypted at rest like every other secret: some carry one (a webhook
     * endpoint's signing secret is shown in the answer that creates it), and a replay must show it
     * again. Bound to the tenant and the claim, so an answer never replays for another key.
     */
    private byte[] seal(UUID tenantId, UUID id, byte[] body) {
        if (body == null) {
            return null;
        }
        String sealed = cipher.encrypt(Base64.getEncoder().encodeToString(body), storedAnswer(tenantId, id));
        return sealed.getBytes(StandardCharsets.US_ASCII);
    }

    private byte[] open(UUID tenantId, UUID id, byte[] sealed) {
        if (sealed == null) {
            return null;
        }
        try {
            return Base64.getDecoder()
                    .decode(cipher.decrypt(new String(sealed, StandardCharsets.US_ASCII), storedAnswer(tenantId, id)));
        } catch (UndecryptableSecretException e) {
            // Answers live a day; the key they were sealed under was dropped sooner than that.
            throw new ApiException.Conflict("The answer kept for this Idempotency-Key was encrypted under a key"
                    + " that is no longer configured; send the request again with a new key");
        }
    }

    private static SecretField storedAnswer(UUID tenantId, UUID id) {
        return new SecretField(tenantId, "idempotency_keys", "response_body/" + id);
    }

    private Row row(UUID tenantId, ResultSet row) throws SQLException {
        UUID id = row.getObject(1, UUID.class);
        int status = row.getInt(5);
        StoredResponse stored = row.wasNull()
                ? null
                : new StoredResponse(
                        status,
                        StoredResponse.headersFrom(row.getString(6), json),
                        open(tenantId, id, row.getBytes(7)));
        return new Row(
                row.getObject(1, UUID.class),
                row.getBytes(2),
                row.getString(3),
                row.getString(4),
                stored,
                row.getBoolean(8),
                row.getBoolean(9),
                row.getLong(10));
    }
}
