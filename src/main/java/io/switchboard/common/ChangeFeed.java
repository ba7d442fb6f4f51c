package io.switchboard.common;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Hears what other instances change: one connection of the service's own login, outside the pool,
 * {@code LISTEN}s on the channel migration V10's triggers notify on commit, and turns each
 * notification into a {@link TenantDataChanged}. PostgreSQL sends nothing while the connection is
 * down, so while it is (and once when it is back) every cache is told to forget everything, and
 * {@link #isLive()} is false: {@link ChangeAwareCache} then keeps entries only seconds.
 */
@ApplicationScoped
public class ChangeFeed {

    static final String CHANNEL = "switchboard_changes";
    private static final Logger LOG = Logger.getLogger(ChangeFeed.class);
    /** How long a wait for notifications lasts before the connection is checked with a query. */
    static final Duration CHECK_EVERY = Duration.ofSeconds(5);

    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final Duration PROBE_WAIT = Duration.ofSeconds(2);

    private final String url;
    private final String username;
    private final Optional<String> password;
    private final Event<TenantDataChanged> changes;
    private volatile boolean running;
    private volatile boolean live;
    private volatile Connection connection;
    private Thread listener;

    ChangeFeed(
            @ConfigProperty(name = "switchboard.change-feed.jdbc-url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String username,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password,
            Event<TenantDataChanged> changes) {
        this.url = url;
        this.username = username;
        this.password = password;
        this.changes = changes;
    }

    /** True while notifications are being heard: a cache may then keep entries long. */
    public boolean isLive() {
        return live;
    }

    void start(@Observes StartupEvent started) {
        running = true;
        listener = new Thread(this::listen, "change-feed");
        listener.setDaemon(true);
        listener.start();
    }

    void stop(@Observes ShutdownEvent stopping) {
        running = false;
        closeQuietly(connection);
        if (listener != null) {
            listener.interrupt();
        }
    }

    private void listen() {
        long backoffMillis = 250;
        while (running) {
            try (Connection listening = connect()) {
                connection = listening;
                int backend;
                try (Statement statement = listening.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                    backend = intValue(statement, "SELECT pg_backend_pid()");
                }
                hearsItself(listening);
                live = true;
                // Whatever changed while nobody listened was not heard: start from nothing.
                changes.fire(TenantDataChanged.everything());
                LOG.debug("Change feed listening");
                backoffMillis = 250;
                receive(listening, backend);
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    LOG.warnf(
                            "Change feed interrupted (%s); caches keep entries for seconds until it is back",
                            e.getMessage());
                }
            } finally {
                boolean wasLive = live;
                live = false;
                connection = null;
                if (wasLive) {
                    changes.fire(TenantDataChanged.everything());
                }
            }
            backoffMillis = pause(backoffMillis);
        }
    }

    private void receive(Connection listening, int backend) throws SQLException {
        PGConnection notifications = listening.unwrap(PGConnection.class);
        while (running) {
            PGNotification[] received = notifications.getNotifications((int) CHECK_EVERY.toMillis());
            if (received == null || received.length == 0) {
                // Quiet: a dead connection would stay silent, and so would one that a pooler has moved
                // to another session (which does not listen); both are checked, not only that it answers.
                try (Statement statement = listening.createStatement()) {
                    if (intValue(
                                    statement,
                                    "SELECT CASE WHEN pg_backend_pid() = " + backend + " AND '" + CHANNEL
                                            + "' IN (SELECT pg_listening_channels()) THEN 1 ELSE 0 END")
                            != 1) {
                        throw new SQLException("The change feed's session is no longer the one that listens;" + " is "
                                + url + " a pooler in transaction mode?");
                    }
                }
                continue;
            }
            for (PGNotification notification : received) {
                parse(notification.getParameter()).ifPresent(changes::fire);
            }
        }
    }

    /**
     * Has another session send it a notification and waits for it, as other instances' changes
     * arrive: behind a pooler in transaction mode (PgBouncer) LISTEN is accepted but the listening
     * server session is soon another client's, and caches must then not live long. (A probe sent on
     * the listening connection itself could run on that same server session and be heard.)
     */
    private void hearsItself(Connection listening) throws SQLException {
        String probe = "probe:" + UUID.randomUUID();
        try (Connection sender = connect();
                Statement statement = sender.createStatement()) {
            statement.execute("SELECT pg_notify('" + CHANNEL + "', '" + probe + "')");
        }
        long deadline = System.nanoTime() + PROBE_WAIT.toNanos();
        PGConnection notifications = listening.unwrap(PGConnection.class);
        while (System.nanoTime() < deadline) {
            PGNotification[] received = notifications.getNotifications((int) PROBE_WAIT.toMillis());
            if (received == null) {
                continue;
            }
            for (PGNotification notification : received) {
                if (probe.equals(notification.getParameter())) {
                    return;
                }
            }
        }
        throw new SQLException("LISTEN hears nothing on " + url + ", as behind a pooler in transaction mode;"
                + " set SWITCHBOARD_CHANGE_FEED_JDBC_URL to PostgreSQL itself");
    }

    private static int intValue(Statement statement, String sql) throws SQLException {
        try (ResultSet row = statement.executeQuery(sql)) {
            if (!row.next()) {
                throw new SQLException("No row from " + sql);
            }
            return row.getInt(1);
        }
    }

    static Optional<TenantDataChanged> parse(String payload) {
        int colon = payload == null ? -1 : payload.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(
                    new TenantDataChanged(payload.substring(0, colon), UUID.fromString(payload.substring(colon + 1))));
        } catch (IllegalArgumentException notOurs) {
            return Optional.empty();
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", username);
        password.ifPresent(value -> properties.setProperty("password", value));
        properties.setProperty("ApplicationName", "switchboard-change-feed");
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("connectTimeout", "5");
        // A check query that hangs on a half-open connection ends here instead.
        properties.setProperty("socketTimeout", String.valueOf(CHECK_EVERY.toSeconds() * 3));
        return DriverManager.getConnection(url, properties);
    }

    private long pause(long millis) {
        if (!running) {
            return millis;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
        return Math.min(millis * 2, MAX_BACKOFF.toMillis());
    }

    private static void closeQuietly(Connection open) {
        if (open != null) {
            try {
                open.close();
            } catch (SQLException ignored) {
                // Closing is all that is left to do with it.
            }
        }
    }
}
