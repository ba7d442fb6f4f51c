package io.switchboard.analytics;

import io.switchboard.tenant.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Computes the summary in SQL over calls_by_created (tenant_id, created_at) INCLUDE (outcome, ...). */
@ApplicationScoped
@Transactional
public class AnalyticsService {

    private static final String TOTALS = "SELECT count(*),"
            + " count(*) FILTER (WHERE outcome = 'won'), count(*) FILTER (WHERE outcome = 'lost'),"
            + " count(*) FILTER (WHERE outcome = 'tbd'), count(*) FILTER (WHERE outcome IS NULL),"
            + " count(*) FILTER (WHERE meeting_status = 'no-show'), count(meeting_status)"
            + " FROM calls WHERE tenant_id = ?1 AND created_at >= ?2 AND created_at < ?3";

    private static final String BY_REASON = "SELECT c.loss_reason_id, r.name, count(*) FROM calls c"
            + " JOIN loss_reasons r ON r.tenant_id = c.tenant_id AND r.id = c.loss_reason_id"
            + " WHERE c.tenant_id = ?1 AND c.created_at >= ?2 AND c.created_at < ?3 AND c.outcome = 'lost'"
            + " GROUP BY c.loss_reason_id, r.name ORDER BY count(*) DESC, r.name";

    private static final String BY_REP = "SELECT c.user_id, u.name, count(*),"
            + " count(*) FILTER (WHERE c.outcome = 'won'), count(*) FILTER (WHERE c.outcome = 'lost')"
            + " FROM calls c JOIN users u ON u.tenant_id = c.tenant_id AND u.id = c.user_id"
            + " WHERE c.tenant_id = ?1 AND c.created_at >= ?2 AND c.created_at < ?3"
            + " GROUP BY c.user_id, u.name ORDER BY count(*) DESC, u.name";

    private final TenantContext tenantContext;
    private final EntityManager entityManager;

    AnalyticsService(TenantContext tenantContext, EntityManager entityManager) {
        this.tenantContext = tenantContext;
        this.entityManager = entityManager;
    }

    public AnalyticsSummary summary(Instant since, Instant until) {
        UUID tenantId = tenantContext.requireTenantId();
        Object[] totals = (Object[]) query(TOTALS, tenantId, since, until).get(0);
        long won = number(totals[1]);
        long lost = number(totals[2]);
        Map<String, Long> byOutcome = new LinkedHashMap<>();
        byOutcome.put("won", won);
        byOutcome.put("lost", lost);
        byOutcome.put("tbd", number(totals[3]));
        byOutcome.put("none", number(totals[4]));
        List<AnalyticsSummary.ReasonCount> reasons = new ArrayList<>();
        for (Object row : query(BY_REASON, tenantId, since, until)) {
            Object[] values = (Object[]) row;
            reasons.add(new AnalyticsSummary.ReasonCount((UUID) values[0], (String) values[1], number(values[2])));
        }
        List<AnalyticsSummary.RepSummary> reps = new ArrayList<>();
        for (Object row : query(BY_REP, tenantId, since, until)) {
            Object[] values = (Object[]) row;
            long repWon = number(values[3]);
            long repLost = number(values[4]);
            reps.add(new AnalyticsSummary.RepSummary(
                    (UUID) values[0],
                    (String) values[1],
                    number(values[2]),
                    repWon,
                    repLost,
                    rate(repWon, repWon + repLost)));
        }
        return new AnalyticsSummary(
                since,
                until,
                number(totals[0]),
                byOutcome,
                rate(won, won + lost),
                rate(number(totals[5]), number(totals[6])),
                reasons,
                reps);
    }

    private List<?> query(String sql, UUID tenantId, Instant since, Instant until) {
        return entityManager
                .createNativeQuery(sql)
                .setParameter(1, tenantId)
                .setParameter(2, java.time.OffsetDateTime.ofInstant(since, java.time.ZoneOffset.UTC))
                .setParameter(3, java.time.OffsetDateTime.ofInstant(until, java.time.ZoneOffset.UTC))
                .getResultList();
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }

    private static Double rate(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }
}
