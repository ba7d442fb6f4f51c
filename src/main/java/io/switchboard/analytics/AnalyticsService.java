package io.switchboard.analytics;

import io.switchboard.common.Jdbc;
import io.switchboard.tenant.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Computes the summary in SQL, as index-only scans of calls_page (tenant_id, created_at, id) INCLUDE
 * (outcome, meeting_status, user_id, loss_reason_id).
 */
@ApplicationScoped
@Transactional
public class AnalyticsService {

    private static final String TOTALS = "SELECT count(*),"
            + " count(*) FILTER (WHERE outcome = 'won'), count(*) FILTER (WHERE outcome = 'lost'),"
            + " count(*) FILTER (WHERE outcome = 'tbd'), count(*) FILTER (WHERE outcome IS NULL),"
            + " count(*) FILTER (WHERE meeting_status = 'no-show'), count(meeting_status)"
            + " FROM calls WHERE tenant_id = ? AND created_at >= ? AND created_at < ?";

    private static final String BY_REASON = "SELECT c.loss_reason_id, r.name, count(*) FROM calls c"
            + " JOIN loss_reasons r ON r.tenant_id = c.tenant_id AND r.id = c.loss_reason_id"
            + " WHERE c.tenant_id = ? AND c.created_at >= ? AND c.created_at < ? AND c.outcome = 'lost'"
            + " GROUP BY c.loss_reason_id, r.name ORDER BY count(*) DESC, r.name";

    private static final String BY_REP = "SELECT c.user_id, u.name, count(*),"
            + " count(*) FILTER (WHERE c.outcome = 'won'), count(*) FILTER (WHERE c.outcome = 'lost')"
            + " FROM calls c JOIN users u ON u.tenant_id = c.tenant_id AND u.id = c.user_id"
            + " WHERE c.tenant_id = ? AND c.created_at >= ? AND c.created_at < ?"
            + " GROUP BY c.user_id, u.name ORDER BY count(*) DESC, u.name";

    private final TenantContext tenantContext;
    private final EntityManager entityManager;

    AnalyticsService(TenantContext tenantContext, EntityManager entityManager) {
        this.tenantContext = tenantContext;
        this.entityManager = entityManager;
    }

    public AnalyticsSummary summary(Instant since, Instant until) {
        UUID tenantId = tenantContext.requireTenantId();
        long[] totals = Jdbc.first(
                        entityManager,
                        TOTALS,
                        row -> {
                            long[] counts = new long[7];
                            for (int i = 0; i < counts.length; i++) {
                                counts[i] = row.getLong(i + 1);
                            }
                            return counts;
                        },
                        tenantId,
                        since,
                        until)
                .orElseThrow();
        long won = totals[1];
        long lost = totals[2];
        Map<String, Long> byOutcome = new LinkedHashMap<>();
        byOutcome.put("won", won);
        byOutcome.put("lost", lost);
        byOutcome.put("tbd", totals[3]);
        byOutcome.put("none", totals[4]);
        List<AnalyticsSummary.ReasonCount> reasons = Jdbc.list(
                entityManager,
                BY_REASON,
                row -> new AnalyticsSummary.ReasonCount(row.getObject(1, UUID.class), row.getString(2), row.getLong(3)),
                tenantId,
                since,
                until);
        List<AnalyticsSummary.RepSummary> reps = Jdbc.list(
                entityManager,
                BY_REP,
                row -> {
                    long repWon = row.getLong(4);
                    long repLost = row.getLong(5);
                    return new AnalyticsSummary.RepSummary(
                            row.getObject(1, UUID.class),
                            row.getString(2),
                            row.getLong(3),
                            repWon,
                            repLost,
                            rate(repWon, repWon + repLost));
                },
                tenantId,
                since,
                until);
        return new AnalyticsSummary(
                since, until, totals[0], byOutcome, rate(won, won + lost), rate(totals[5], totals[6]), reasons, reps);
    }

    private static Double rate(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }
}
