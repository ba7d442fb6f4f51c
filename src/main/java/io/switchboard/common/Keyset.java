package io.switchboard.common;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * A tenant's list, newest first on (createdAt, id), filtered and keyset-paginated: every query
 * starts with the tenant, so it is served by the tenant-led indexes (see docs/DATABASE.md).
 */
public final class Keyset<E extends TrackedTenantEntity> {

    private final Class<E> type;
    private final StringBuilder where = new StringBuilder("e.tenantId = :tenant");
    private final Map<String, Object> parameters = new HashMap<>();

    private Keyset(Class<E> type, UUID tenantId) {
        this.type = type;
        parameters.put("tenant", tenantId);
    }

    public static <E extends TrackedTenantEntity> Keyset<E> of(Class<E> type, UUID tenantId) {
        return new Keyset<>(type, tenantId);
    }

    /** Adds {@code clause} (naming {@code :name}) when the value is given; a null filter is no filter. */
    public Keyset<E> and(String clause, String name, Object value) {
        if (value != null) {
            where.append(" and ").append(clause);
            parameters.put(name, value);
        }
        return this;
    }

    public <V> Page<V> page(EntityManager entityManager, PageRequest page, Function<E, V> view) {
        String jpql = "select e from " + type.getSimpleName() + " e where " + where
                + (page.after() == null ? "" : " and (e.createdAt, e.id) < (:cursorTime, :cursorId)")
                + " order by e.createdAt desc, e.id desc";
        // Read-only: a page is only rendered, so Hibernate need not keep a snapshot of each row
        // to dirty-check at commit.
        TypedQuery<E> query = entityManager
                .createQuery(jpql, type)
                .setMaxResults(page.fetchSize())
                .setHint(org.hibernate.jpa.HibernateHints.HINT_READ_ONLY, true);
        parameters.forEach(query::setParameter);
        if (page.after() != null) {
            query.setParameter("cursorTime", page.after().time())
                    .setParameter("cursorId", page.after().id());
        }
        List<E> rows = query.getResultList();
        return Page.of(rows, page, row -> new Cursor(row.createdAt, row.id), view);
    }
}
