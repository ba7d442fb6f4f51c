package io.switchboard.audit;

import io.switchboard.common.Keyset;
import io.switchboard.common.Page;
import io.switchboard.common.PageRequest;
import io.switchboard.tenant.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;

/** Reads the audit trail, newest first, keyset-paginated on (occurredAt, id). */
@ApplicationScoped
@Transactional
public class AuditService {

    public record Filter(String table, UUID recordId, UUID userId, Instant since, Instant until) {}

    private static final Keyset.Order<AuditLog, Long> NEWEST_FIRST =
            new Keyset.Order<>("occurredAt", log -> log.occurredAt, log -> log.id, Long::valueOf);

    private final TenantContext tenantContext;
    private final EntityManager entityManager;

    AuditService(TenantContext tenantContext, EntityManager entityManager) {
        this.tenantContext = tenantContext;
        this.entityManager = entityManager;
    }

    public Page<AuditView> list(Filter filter, PageRequest page) {
        return Keyset.of(AuditLog.class, tenantContext.requireTenantId(), NEWEST_FIRST)
                .and("e.tableName = :table", "table", filter.table())
                .and("e.recordId = :record", "record", filter.recordId())
                .and("e.actorUserId = :user", "user", filter.userId())
                .and("e.occurredAt >= :since", "since", filter.since())
                .and("e.occurredAt < :until", "until", filter.until())
                .page(entityManager, page, AuditView::of);
    }
}
