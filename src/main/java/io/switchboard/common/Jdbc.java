package io.switchboard.common;

import jakarta.persistence.EntityManager;
import org.hibernate.Session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Plain SQL on the current transaction's connection, for the few statements JPQL cannot say
 * (INSERT ... ON CONFLICT ... RETURNING). Runs inside the caller's transaction, so row-level
 * security and the tenant context apply as to every other statement.
 */
public final class Jdbc {

    private Jdbc() {
    }

    /** Runs a statement that returns at most one row, mapping its first column. */
    public static <T> Optional<T> queryFirst(EntityManager entityManager, String sql, Class<T> type, Object... parameters) {
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement statement = prepare(connection, sql, parameters);
                 ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.ofNullable(rows.getObject(1, type)) : Optional.<T>empty();
            }
        });
    }

    /** Runs a statement that returns exactly one row, as its columns. */
    public static Object[] queryRow(EntityManager entityManager, String sql, Object... parameters) {
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement statement = prepare(connection, sql, parameters);
                 ResultSet rows = statement.executeQuery()) {
                rows.next();
                Object[] row = new Object[rows.getMetaData().getColumnCount()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = rows.getObject(i + 1);
                }
                return row;
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

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters) throws SQLException {
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
