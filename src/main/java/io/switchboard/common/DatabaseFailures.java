package io.switchboard.common;

import jakarta.transaction.RollbackException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import org.hibernate.exception.JDBCConnectionException;
import org.postgresql.util.PSQLException;

/**
 * Reads a failure's cause chain for what the database said: an outage (retry later), or a verdict
 * on the client's data (SQLSTATE class 22, data exception, and 23, integrity violation), which is
 * the client's fault and must never be reported as "database unavailable".
 */
public final class DatabaseFailures {

    private DatabaseFailures() {}

    public static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = next(t)) {
            if (t instanceof DatabaseUnavailableException
                    || t instanceof SQLTransientConnectionException
                    || t instanceof JDBCConnectionException
                    || t instanceof RollbackException) {
                return true;
            }
            // SQLSTATE class 08: connection exception; 57P01-57P03: admin shutdown, crash, cannot
            // connect now. No SQLSTATE at all: the pool or driver failed (a connection lost
            // mid-transaction), never PostgreSQL judging the statement, which always carries one.
            if (t instanceof SQLException sql
                    && (sql.getSQLState() == null
                            || sql.getSQLState().startsWith("08")
                            || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    /** The first SQLSTATE in the chain that judges the data: class 22 or 23. */
    public static Optional<String> dataVerdict(Throwable failure) {
        for (Throwable t = failure; t != null; t = next(t)) {
            if (t instanceof SQLException sql
                    && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("23"))) {
                return Optional.of(sql.getSQLState());
            }
        }
        return Optional.empty();
    }

    /** The name of the constraint PostgreSQL says a write violated (SQLSTATE class 23), if any. */
    public static Optional<String> violatedConstraint(Throwable failure) {
        for (Throwable t = failure; t != null; t = next(t)) {
            if (t instanceof PSQLException psql
                    && psql.getSQLState() != null
                    && psql.getSQLState().startsWith("23")
                    && psql.getServerErrorMessage() != null
                    && psql.getServerErrorMessage().getConstraint() != null) {
                return Optional.of(psql.getServerErrorMessage().getConstraint());
            }
        }
        return Optional.empty();
    }

    private static Throwable next(Throwable t) {
        return t.getCause() == t ? null : t.getCause();
    }
}
