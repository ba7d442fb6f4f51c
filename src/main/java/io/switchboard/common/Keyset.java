package io.switchboard.common;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.hibernate.jpa.HibernateHints;

/**
 * A tenant's list, newest first on (time, id), filtered and keyset-paginated: every query starts
 * with the tenant, so it is served by the tenant-led indexes (see docs/DATABASE.md). Most lists
 * order by (createdAt, id) with UUID ids; the audit trail by (occurredAt, id) with numeric ids.
 */
public final class Keyset<E, I> {

    /** How a list is ordered: the time field, and how to read and parse a row's position. */
    public record Order<E, I>(
            String timeField, Function<E, Instant> time, Function<E, I> id, Function<String, I> parseId) {}

    private final Class<E> type;
    private final Order<E, I> order;
    private final StringBuilder where = new StringBuilder("e.tenantId = :tenant");
    private final Map<String, Object> parameters = new HashMap<>();

    private Keyset(Class<E> type, UUID tenantId, Order<E, I> order) {
        this.type = type;
        this.order = order;
        parameters.put("tenant", tenantId);
    }

    /** A list of tenant rows newest first by creation. */
    public static <E extends TrackedTenantEntity> Keyset<E, UUID> of(Class<E> type, UUID tenantId) {
        return new Keyset<>(
                type, tenantId, new Order<>("createdAt", row -> row.createdAt, row -> row.id, UUID::fromString));
    }

    public static <E, I> Keyset<E, I> of(Class<E> type, UUID tenantId, Order<E, I> order) {
        return new Keyset<>(type, tenantId, order);
    }

    /** Adds {@code clause} (naming {@code :name}) when the value is given; a null filter is no filter. */
    public Keyset<E, I> and(String clause, String name, Object value) {
        if (value != null) {
            where.append(" and ").append(clause);
            parameters.put(name, value);
        }
        return this;
    }

    public <V> Page<V> page(EntityManager entityManager, PageRequest page, Function<E, V> view) {
        Cursor<I> after = page.after(order.parseId());
        String time = "e." + order.timeField();
        String jpql = "select e from " + type.getSimpleName() + " e where " + where
                + (after == null ? "" : " and (" + time + ", e.id) < (:cursorTime, :cursorId)")
                + " order by " + time + " desc, e.id desc";
        // Read-only: a page is only rendered, so Hibernate need not keep a snapshot of each row
        // to dirty-check at commit.
        TypedQuery<E> query = entityManager
                .createQuery(jpql, type)
                .setMaxResults(page.fetchSize())
                .setHint(HibernateHints.HINT_READ_ONLY, true);
        parameters.forEach(query::setParameter);
        if (after != null) {
            query.setParameter("cursorTime", after.time()).setParameter("cursorId", after.id());
        }
        List<E> rows = query.getResultList();
        return Page.of(
                rows,
                page,
                row -> new Cursor<>(order.time().apply(row), order.id().apply(row)),
                view);
    }
}
