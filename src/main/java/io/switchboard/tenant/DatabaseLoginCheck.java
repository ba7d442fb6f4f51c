package io.switchboard.tenant;

import io.agroal.api.AgroalDataSource;
import io.switchboard.common.StartupCheck;
import io.switchboard.common.StartupRefusal;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The login the service works as must not be able to step around row-level security: not a
 * superuser, not BYPASSRLS, not the owner (or a member of the owner) of any table, which could turn
 * the security off, and not a member of the directory role, which reads across tenants. Checked
 * before migrations run.
 */
@ApplicationScoped
class DatabaseLoginCheck implements StartupCheck {

    private static final String FIX =
            " Point QUARKUS_DATASOURCE_USERNAME at a plain login (README, \"Database logins\");"
                    + " migrations use the owner login through QUARKUS_FLYWAY_USERNAME.";

    private final AgroalDataSource dataSource;
    private final String directoryRole;

    DatabaseLoginCheck(
            AgroalDataSource dataSource,
            @ConfigProperty(name = "quarkus.flyway.placeholders.directory_role") String directoryRole) {
        this.dataSource = dataSource;
        this.directoryRole = directoryRole;
    }

    @Override
    public Stage stage() {
        return Stage.DATABASE_LOGINS;
    }

    @Override
    public void check() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT current_user, r.rolsuper, r.rolbypassrls,"
                        + " (SELECT string_agg(t.tablename, ', ' ORDER BY t.tablename) FROM pg_tables t"
                        + "   WHERE t.schemaname = current_schema() AND pg_has_role(current_user, t.tableowner, 'MEMBER')),"
                        + " EXISTS (SELECT 1 FROM pg_roles d WHERE d.rolname = ?"
                        + "   AND pg_has_role(current_user, d.oid, 'MEMBER'))"
                        + " FROM pg_roles r WHERE r.rolname = current_user")) {
            query.setString(1, directoryRole);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                String login = row.getString(1);
                if (row.getBoolean(2) || row.getBoolean(3)) {
                    throw new StartupRefusal("The database login '" + login + "' is a superuser or has BYPASSRLS, so"
                            + " row-level security would not isolate tenants." + FIX);
                }
                if (row.getString(4) != null) {
                    throw new StartupRefusal("The database login '" + login + "' owns (or is a member of the owner of)"
                            + " tables " + row.getString(4) + ", so it could switch row-level security off." + FIX);
                }
                if (row.getBoolean(5)) {
                    throw new StartupRefusal("The database login '" + login + "' is a member of " + directoryRole
                            + ", which reads across tenants: REVOKE " + directoryRole + " FROM " + login + ".");
                }
            }
        } catch (SQLException e) {
            throw new StartupRefusal("Could not check the database login: " + e.getMessage()
                    + " (QUARKUS_DATASOURCE_JDBC_URL, QUARKUS_DATASOURCE_USERNAME, QUARKUS_DATASOURCE_PASSWORD)");
        }
    }
}
