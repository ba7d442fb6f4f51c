package io.switchboard.common;

import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hibernate.Session;

/**
 * Plain SQL on the current transaction's connection, for the statements Hibernate cannot say
 * (INSERT ... ON CONFLICT ... RETURNING, calls of database functions, aggregate reports). Runs
 * inside the caller's transaction, so row-level security and the tenant context apply as to every
 * other statement. See {@code package-info} for when to use this rather than an entity finder.
 */
public final class Jdbc {

    /** Maps the current row of a result set. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    private Jdbc() {}

    /** The first row, mapped; empty when the statement returns none. */
    public static <T> Optional<T> first(
            EntityManager entityManager, String sql, RowMapper<T> mapper, Object... parameters) {
        List<T> rows = list(entityManager, sql, mapper, parameters);
        return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
    }

    /** The first column of the first row. */
    public static <T> Optional<T> first(EntityManager entityManager, String sql, Class<T> type, Object... parameters) {
        return first(entityManager, sql, row -> row.getObject(1, type), parameters);
    }

    /** Every row, mapped. */
    public static <T> List<T> list(EntityManager entityManager, String sql, RowMapper<T> mapper, Object... parameters) {
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement statement = prepare(connection, sql, parameters);
                    ResultSet rows = statement.executeQuery()) {
                List<T> mapped = new ArrayList<>();
                while (rows.next()) {
                    mapped.add(mapper.map(rows));
                }
                return mapped;
            }
        });
    }

    public static int update(EntityManager entityManager, String sql, Object... parameters) {
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement statement = prepare(connection, sql, parameters)) {
                return statement.executeUpdate();
            }
        });
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        bind(statement, parameters);
        return statement;
    }

    /** Binds parameters in order: Instants as UTC timestamps, wire enums as their text. */
    public static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            Object value = parameters[i];
            if (value instanceof Instant instant) {
                statement.setObject(i + 1, instant.atOffset(ZoneOffset.UTC));
            } else if (value instanceof WireValue wire) {
                statement.setString(i + 1, wire.wire());
            } else {
                // null goes as an untyped parameter: PostgreSQL takes its type from the statement.
                statement.setObject(i + 1, value);
            }
        }
    }
}
