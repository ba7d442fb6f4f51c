package io.switchboard.audit;

import io.switchboard.common.ApiException;
import io.switchboard.common.Page;
import io.switchboard.tenant.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads the audit trail, newest first, keyset-paginated on (occurredAt, id). */
@ApplicationScoped
@Transactional
public class AuditService {

    public record Filter(String table, UUID recordId, UUID userId, Instant since, Instant until) {}

    private final TenantContext tenantContext;
    private final EntityManager entityManager;

    AuditService(TenantContext tenantContext, EntityManager entityManager) {
        this.tenantContext = tenantContext;
        this.entityManager = entityManager;
    }

    public Page<AuditView> list(Filter filter, int limit, String cursor) {
        StringBuilder where = new StringBuilder("a.tenantId = :tenant");
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("tenant", tenantContext.requireTenantId());
        add(where, parameters, "a.tableName = :table", "table", filter.table());
        add(where, parameters, "a.recordId = :record", "record", filter.recordId());
        add(where, parameters, "a.actorUserId = :user", "user", filter.userId());
        add(where, parameters, "a.occurredAt >= :since", "since", filter.since());
        add(where, parameters, "a.occurredAt < :until", "until", filter.until());
        if (cursor != null && !cursor.isBlank()) {
            Object[] position = decode(cursor);
            where.append(" and (a.occurredAt, a.id) < (:cursorTime, :cursorId)");
            parameters.put("cursorTime", position[0]);
            parameters.put("cursorId", position[1]);
        }
        TypedQuery<AuditLog> query = entityManager
                .createQuery(
                        "select a from AuditLog a where " + where + " order by a.occurredAt desc, a.id desc",
                        AuditLog.class)
                .setMaxResults(limit + 1);
        parameters.forEach(query::setParameter);
        List<AuditLog> rows = query.getResultList();
        boolean more = rows.size() > limit;
        List<AuditLog> shown = more ? rows.subList(0, limit) : rows;
        String next = more ? encode(shown.get(shown.size() - 1)) : null;
        return new Page<>(shown.stream().map(AuditView::of).toList(), next);
    }

    private static void add(
            StringBuilder where, Map<String, Object> parameters, String clause, String name, Object value) {
        if (value != null) {
            where.append(" and ").append(clause);
            parameters.put(name, value);
        }
    }

    private static String encode(AuditLog last) {
        String raw = last.occurredAt.getEpochSecond() + ":" + last.occurredAt.getNano() + ":" + last.id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static Object[] decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":");
            return new Object[] {
                Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])), Long.parseLong(parts[2])
            };
        } catch (RuntimeException e) {
            throw new ApiException.Invalid("cursor", "is not a cursor returned by this list");
        }
    }
}
