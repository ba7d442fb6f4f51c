package io.switchboard.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Plain JDBC to the test database, as the service's runtime login (row-level security applies)
 * or as the superuser (for fixtures and checks that must see everything).
 */
public final class Database {

    public static final List<String> TENANT_TABLES = List.of(
            "tenants",
            "api_keys",
            "settings",
            "users",
            "sessions",
            "loss_reasons",
            "calls",
            "recordings",
            "messages",
            "products",
            "content",
            "audit_logs",
            "paid_action_windows",
            "tenant_sync",
            "idempotency_keys",
            "webhook_endpoints",
            "events",
            "event_deliveries",
            "delivery_attempts");

    private Database() {}

    public static Connection asRuntimeLogin() throws SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(
                config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
    }

    public static Connection asSuperuser() throws SQLException {
        String url = System.getProperty("switchboard.dev-db.superuser-url");
        if (url == null) {
            throw new IllegalStateException("The embedded test database has not been started");
        }
        return DriverManager.getConnection(url);
    }

    /** Starts a transaction on the connection with the given tenant in the row-level security context. */
    public static void beginAsTenant(Connection connection, UUID tenantId) throws SQLException {
        connection.setAutoCommit(false);
        try (PreparedStatement set = connection.prepareStatement("SELECT set_config('app.tenant_id', ?, true)")) {
            set.setString(1, tenantId == null ? "" : tenantId.toString());
            set.execute();
        }
    }

    public static List<Object> column(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<Object> values = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getObject(1));
                }
            }
            return values;
        }
    }

    /**
     * Every row of every table in the public schema as JSON text, read as the superuser: what a
     * stolen logical backup would contain.
     */
    public static String logicalDump() throws SQLException {
        StringBuilder dump = new StringBuilder();
        try (Connection db = asSuperuser()) {
            for (Object table :
                    column(db, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")) {
                for (Object row : column(db, "SELECT row_to_json(t)::text FROM public.\"" + table + "\" t")) {
                    dump.append(table).append(": ").append(row).append('\n');
                }
            }
        }
        return dump.toString();
    }

    public static int update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }
}
