package io.switchboard.devdb;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * One embedded PostgreSQL server per JVM, with the two logins production has: an owner that
 * migrations run as and a runtime login that is neither superuser nor BYPASSRLS nor owner, so
 * row-level security is exercised in dev and tests exactly as in production.
 *
 * <p>Loaded only by {@link EmbeddedPostgresConfigSourceFactory}, by name. Dev-mode live reload
 * gives this class a fresh class loader each time, so the running server is remembered in system
 * properties (JVM-wide) rather than in a static field.
 */
public final class EmbeddedPostgresServer {

    public static final String DATABASE = "switchboard";
    public static final String OWNER_LOGIN = "switchboard_owner";
    public static final String RUNTIME_LOGIN = "switchboard_app";
    /** NOLOGIN: owns the cross-tenant lookup functions; granted to the owner, never to the runtime login. */
    public static final String DIRECTORY_ROLE = "switchboard_directory";
    /** A superuser URL for tests that must act as the database administrator (dumps, restarts). */
    public static final String SUPERUSER_URL_PROPERTY = "switchboard.dev-db.superuser-url";

    private static final String RUNTIME_URL_PROPERTY = "switchboard.dev-db.runtime-url";

    private static final Logger LOG = Logger.getLogger(EmbeddedPostgresServer.class);
    private static EmbeddedPostgres server;
    private static File dataDirectory;

    private EmbeddedPostgresServer() {}

    /** Starts the server unless this JVM already runs one; returns the datasource and Flyway settings. */
    public static Map<String, String> ensureStarted(boolean testRun) throws IOException, SQLException {
        return ensureStarted(testRun ? "test-data" : "dev-data", testRun);
    }

    /**
     * As {@link #ensureStarted(boolean)}, with the data directory under target/embedded-postgres
     * named, and whether it starts empty.
     */
    public static synchronized Map<String, String> ensureStarted(String dataDirectory, boolean startEmpty)
            throws IOException, SQLException {
        String runtimeUrl = System.getProperty(RUNTIME_URL_PROPERTY);
        if (runtimeUrl == null) {
            runtimeUrl = start(dataDirectory, startEmpty);
            System.setProperty(RUNTIME_URL_PROPERTY, runtimeUrl);
        }
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("quarkus.datasource.jdbc.url", runtimeUrl);
        properties.put("quarkus.datasource.username", RUNTIME_LOGIN);
        properties.put("quarkus.datasource.password", RUNTIME_LOGIN);
        properties.put("quarkus.flyway.jdbc-url", runtimeUrl);
        properties.put("quarkus.flyway.username", OWNER_LOGIN);
        properties.put("quarkus.flyway.password", OWNER_LOGIN);
        return properties;
    }

    private static String start(String dataDirectory, boolean startEmpty) throws IOException, SQLException {
        File root = new File("target", "embedded-postgres");
        File data = new File(root, dataDirectory);
        if (startEmpty) {
            // A run that was killed leaves its directory behind, and initdb refuses a non-empty one.
            deleteRecursively(data.toPath());
        }
        // Tests start from an empty database; dev mode keeps its data across restarts.
        server = builder(data, 0).setCleanDataDirectory(startEmpty).start();
        EmbeddedPostgresServer.dataDirectory = data;
        String superuserUrl = server.getJdbcUrl("postgres", "postgres");
        try (Connection admin = DriverManager.getConnection(superuserUrl);
                Statement sql = admin.createStatement()) {
            createLoginIfMissing(sql, OWNER_LOGIN, "");
            createLoginIfMissing(sql, RUNTIME_LOGIN, "NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE");
            if (!exists(sql, "SELECT 1 FROM pg_roles WHERE rolname = '" + DIRECTORY_ROLE + "'")) {
                sql.execute("CREATE ROLE " + DIRECTORY_ROLE + " NOLOGIN");
                sql.execute("GRANT " + DIRECTORY_ROLE + " TO " + OWNER_LOGIN);
            }
            if (!exists(sql, "SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                sql.execute("CREATE DATABASE " + DATABASE + " OWNER " + OWNER_LOGIN);
            }
        }
        String databaseUrl = "jdbc:postgresql://localhost:" + server.getPort() + "/" + DATABASE;
        System.setProperty(SUPERUSER_URL_PROPERTY, databaseUrl + "?user=postgres");
        LOG.infof(
                "Embedded PostgreSQL on port %d, data in %s (runtime login %s, owner %s)",
                server.getPort(), data.getPath(), RUNTIME_LOGIN, OWNER_LOGIN);
        return databaseUrl;
    }

    private static EmbeddedPostgres.Builder builder(File data, int port) {
        return EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(new File("target", "embedded-postgres/binaries"))
                .setDataDirectory(data)
                .setPort(port)
                // Zonky turns synchronous_commit off for speed; a 2xx must mean the row is durable.
                .setServerConfig("synchronous_commit", "on");
    }

    /** Stops the server (fast shutdown), keeping its data: for tests of a database outage. */
    public static synchronized void stop() throws IOException {
        // Zonky deletes a "clean" data directory on close unless told not to.
        System.setProperty("ot.epg.no-cleanup", "true");
        try {
            server.close();
        } finally {
            System.clearProperty("ot.epg.no-cleanup");
        }
    }

    /**
     * Kills the postmaster with SIGKILL, as a crash or an OOM kill would: no checkpoint, no clean
     * shutdown. {@link #restart()} then runs PostgreSQL's crash recovery.
     */
    public static synchronized void killHard() throws IOException {
        long postmaster = Long.parseLong(Files.readAllLines(new File(dataDirectory, "postmaster.pid").toPath())
                .get(0)
                .trim());
        ProcessHandle.of(postmaster).ifPresent(ProcessHandle::destroyForcibly);
        // Release the embedded server's own lock on the data directory; its pg_ctl stop finds nothing to stop.
        stop();
    }

    /** Starts the server again on the same port and data after {@link #stop()}. */
    public static synchronized void restart() throws IOException {
        server = builder(dataDirectory, server.getPort())
                .setCleanDataDirectory(false)
                .start();
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static void createLoginIfMissing(Statement sql, String login, String attributes) throws SQLException {
        if (!exists(sql, "SELECT 1 FROM pg_roles WHERE rolname = '" + login + "'")) {
            sql.execute("CREATE ROLE " + login + " LOGIN PASSWORD '" + login + "' " + attributes);
        }
    }

    private static boolean exists(Statement sql, String query) throws SQLException {
        try (var rows = sql.executeQuery(query)) {
            return rows.next();
        }
    }
}
