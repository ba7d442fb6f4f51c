package io.switchboard.reconciliation;

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
 * A tenant's row in {@code tenant_sync}: the claim that makes one instance at a time reconcile it,
 * and the pass's position, committed page by page with the rows the page wrote.
 *
 * <p>The claim is a lease taken by a conditional UPDATE rather than a lock held: a run spends
 * seconds to minutes waiting on Twilio, and neither a row lock ({@code FOR UPDATE SKIP LOCKED}
 * lasts only as long as its transaction) nor a session advisory lock (tied to one pooled connection,
 * lost behind a transaction-pooling proxy) should be held across those waits. Two instances
 * claiming at once are serialised by PostgreSQL on the row; the second finds the lease taken and
 * gets nothing. A lease that an instance stops renewing (it died, it hung) runs out, and every
 * write of a run is fenced by its owner, so a run that lost its lease writes nothing more.
 */
@ApplicationScoped
class SyncLedger {

    /** Where a claimed tenant stands, as the claim found it. */
    record Claim(Instant now, Instant watermark, Instant requestedSince, Instant requestedAt, Pass pass) {}

    /** A pass under way: its window, the resource and page it reached, what holds the watermark. */
    record Pass(Instant from, Instant to, Resource resource, String pageUrl, Instant earliestOpen) {}

    /** What one page wrote, by resource. */
    record Counts(int created, int updated) {}

    private static final String CLAIM = "UPDATE tenant_sync SET lease_owner = ?,"
            + " lease_until = now() + make_interval(secs => ?), last_started_at = now(),"
            + " calls_created = 0, calls_updated = 0, recordings_created = 0, recordings_updated = 0,"
            + " messages_created = 0, messages_updated = 0"
            + " WHERE tenant_id = ? AND (lease_until IS NULL OR lease_until < now() OR lease_owner = ?)"
            + " RETURNING now(), watermark, requested_since, requested_at, pass_from, pass_to, pass_resource,"
            + " pass_page_url, pass_earliest_open";

    private final EntityManager entityManager;

    SyncLedger(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Claims the tenant for {@code owner}; empty when another instance holds it. */
    @Transactional(Transactional.TxType.MANDATORY)
    Optional<Claim> claim(UUID tenantId, String owner, Duration lease) {
        Jdbc.update(
                entityManager,
                "INSERT INTO tenant_sync (tenant_id) VALUES (?) ON CONFLICT (tenant_id) DO NOTHING",
                tenantId);
        return Jdbc.first(entityManager, CLAIM, SyncLedger::claim, owner, lease.toSeconds(), tenantId, owner);
    }

    /**
     * Begins a pass over [from, to), taking over an on-demand request if this pass answers it (a
     * request that came in since the claim stays for the next pass).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    boolean startPass(UUID tenantId, String owner, Instant from, Instant to, Instant answeredRequestAt) {
        return Jdbc.update(
                        entityManager,
                        "UPDATE tenant_sync SET pass_from = ?, pass_to = ?, pass_resource = 'calls',"
                                + " pass_page_url = NULL, pass_earliest_open = NULL,"
                                + " requested_since = CASE WHEN requested_at = ? THEN NULL ELSE requested_since END,"
                                + " requested_at = CASE WHEN requested_at = ? THEN NULL ELSE requested_at END"
                                + " WHERE tenant_id = ? AND lease_owner = ?",
                        from,
                        to,
                        answeredRequestAt,
                        answeredRequestAt,
                        tenantId,
                        owner)
                == 1;
    }

    /**
     * Records a page read: where the pass goes next (a page URL, or the first page of the next
     * resource), what holds the watermark, what the page wrote; renews the lease and clears the
     * last error (Twilio answered). False when
     * the lease is no longer this run's: the caller must roll the page back.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    boolean advance(
            UUID tenantId,
            String owner,
            Duration lease,
            Resource resource,
            String nextPageUrl,
            Instant earliestOpen,
            Resource counted,
            Counts counts) {
        String created = counted.wire() + "_created";
        String updated = counted.wire() + "_updated";
        return Jdbc.update(
                        entityManager,
                        "UPDATE tenant_sync SET pass_resource = ?, pass_page_url = ?, pass_earliest_open = ?,"
                                + " " + created + " = " + created + " + ?, " + updated + " = " + updated + " + ?,"
                                + " lease_until = now() + make_interval(secs => ?), last_error = NULL,"
                                + " last_error_at = NULL"
                                + " WHERE tenant_id = ? AND lease_owner = ?",
                        resource.wire(),
                        nextPageUrl,
                        earliestOpen,
                        counts.created(),
                        counts.updated(),
                        lease.toSeconds(),
                        tenantId,
                        owner)
                == 1;
    }

    /** The pass is complete: Twilio's records up to {@code watermark} are in. */
    @Transactional(Transactional.TxType.MANDATORY)
    boolean finishPass(UUID tenantId, String owner, Instant watermark) {
        return Jdbc.update(
                        entityManager,
                        "UPDATE tenant_sync SET watermark = ?, pass_from = NULL, pass_to = NULL, pass_resource = NULL,"
                                + " pass_page_url = NULL, pass_earliest_open = NULL, last_succeeded_at = now(),"
                                + " last_error = NULL, last_error_at = NULL"
                                + " WHERE tenant_id = ? AND lease_owner = ?",
                        watermark,
                        tenantId,
                        owner)
                == 1;
    }

    /** Ends the run: the lease is let go, with the error that ended it, if any. */
    @Transactional(Transactional.TxType.MANDATORY)
    void release(UUID tenantId, String owner, String error) {
        Jdbc.update(
                entityManager,
                "UPDATE tenant_sync SET lease_owner = NULL, lease_until = NULL, last_finished_at = now(),"
                        + " last_error = coalesce(?, last_error), last_error_at = CASE WHEN CAST(? AS text) IS NULL"
                        + " THEN last_error_at ELSE now() END"
                        + " WHERE tenant_id = ? AND lease_owner = ?",
                error,
                error,
                tenantId,
                owner);
    }

    /** Records an operator's request for a pass from {@code since} (null: the default start). */
    @Transactional(Transactional.TxType.MANDATORY)
    void request(UUID tenantId, Instant since) {
        Jdbc.update(
                entityManager,
                "INSERT INTO tenant_sync AS s (tenant_id, requested_since, requested_at) VALUES (?, ?, now())"
                        + " ON CONFLICT (tenant_id) DO UPDATE SET requested_since = EXCLUDED.requested_since,"
                        + " requested_at = EXCLUDED.requested_at",
                tenantId,
                since);
    }

    /** Whether an operator asked for a pass after {@code since}. */
    @Transactional(Transactional.TxType.MANDATORY)
    boolean requestedAfter(UUID tenantId, Instant since) {
        return Jdbc.first(
                        entityManager,
                        "SELECT requested_at > ? FROM tenant_sync WHERE tenant_id = ?",
                        Boolean.class,
                        since,
                        tenantId)
                .orElse(false);
    }

    private static Claim claim(ResultSet row) throws SQLException {
        Instant passTo = instant(row, 6);
        return new Claim(
                instant(row, 1),
                instant(row, 2),
                instant(row, 3),
                instant(row, 4),
                passTo == null
                        ? null
                        : new Pass(
                                instant(row, 5),
                                passTo,
                                Resource.of(row.getString(7)),
                                row.getString(8),
                                instant(row, 9)));
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
