package io.switchboard.common;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/** Tells a database outage (retry later) from a bug, by walking the cause chain. */
public final class DatabaseFailures {

    private DatabaseFailures() {
    }

    public static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof org.hibernate.exception.JDBCConnectionException
                    || t instanceof io.switchboard.tenant.TenantContextLostException
                    || t instanceof io.switchboard.tenant.TenantDirectory.DirectoryUnavailableException) {
                return true;
            }
            // SQLSTATE class 08: connection exception; 57P01-57P03: admin shutdown, crash, cannot connect now.
            // No SQLSTATE at all: the pool or driver failed (a connection lost mid-transaction), never
            // PostgreSQL judging the statement, which always carries one.
            if (t instanceof SQLException sql && (sql.getSQLState() == null
                    || sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
            if (t instanceof jakarta.transaction.RollbackException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
