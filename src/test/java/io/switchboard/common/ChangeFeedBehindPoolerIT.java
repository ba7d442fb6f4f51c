package io.switchboard.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.switchboard.testing.Postgres15;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The change feed behind a real PgBouncer in transaction mode, the setup where LISTEN is accepted
 * and nothing is heard: the feed must not count as listening there (its caches then keep entries
 * 10 s, not 10 min), while the same feed on PostgreSQL itself does. One pooled server connection,
 * as an idle pool is: an earlier version's probe, sent on the listening connection, ran on that
 * same server session, heard itself and counted as listening.
 *
 * <p>Needs the machine's PostgreSQL 15 and PgBouncer ({@code apt-get install pgbouncer}); skipped,
 * saying so, without them.
 */
class ChangeFeedBehindPoolerIT {

    private static final Path PGBOUNCER = Path.of(System.getProperty("switchboard.pgbouncer", "/usr/sbin/pgbouncer"));
    private static final Duration LISTENS_WITHIN = Duration.ofSeconds(10);
    /** Longer than a connect, a probe's wait and a quiet check, repeated. */
    private static final Duration WATCHED_FOR = Duration.ofSeconds(15);

    @Test
    void behindPgBouncerInTransactionModeTheFeedNeverCountsAsListening() throws Exception {
        assumeTrue(Postgres15.installed(), "PostgreSQL 15 is not installed at " + Postgres15.BIN);
        assumeTrue(Files.isExecutable(PGBOUNCER), "PgBouncer is not installed at " + PGBOUNCER);
        try (Postgres15 postgres = Postgres15.start();
                PgBouncer bouncer = PgBouncer.start(postgres)) {
            ChangeFeed direct = feed(postgres.jdbcUrl("postgres"));
            ChangeFeed pooled = feed(bouncer.jdbcUrl("postgres"));
            try {
                assertThat(becomes(direct::isLive, LISTENS_WITHIN))
                        .as("the feed on PostgreSQL itself listens")
                        .isTrue();
                assertThat(becomes(pooled::isLive, WATCHED_FOR))
                        .as("the feed behind PgBouncer in transaction mode counts as listening")
                        .isFalse();
            } finally {
                direct.stop(null);
                pooled.stop(null);
            }
        }
    }

    private static ChangeFeed feed(String url) {
        ChangeFeed feed = new ChangeFeed(url, "postgres", Optional.empty(), new IgnoredChanges());
        feed.start(null);
        return feed;
    }

    private static boolean becomes(BooleanSupplier condition, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** PgBouncer in transaction mode with one server connection, run as the cluster's user. */
    private static final class PgBouncer implements AutoCloseable {

        private final Process process;
        private final int port;

        private PgBouncer(Process process, int port) {
            this.process = process;
            this.port = port;
        }

        static PgBouncer start(Postgres15 postgres) throws IOException, InterruptedException {
            int port = freePort();
            Path root = postgres.root();
            Files.writeString(root.resolve("users.txt"), "\"postgres\" \"\"\n");
            Path config = root.resolve("pgbouncer.ini");
            Files.writeString(
                    config,
                    String.join(
                            "\n",
                            "[databases]",
                            "postgres = host=127.0.0.1 port=" + postgres.port() + " dbname=postgres",
                            "[pgbouncer]",
                            "listen_addr = 127.0.0.1",
                            "listen_port = " + port,
                            "unix_socket_dir =",
                            "auth_type = trust",
                            "auth_file = " + root.resolve("users.txt"),
                            "pool_mode = transaction",
                            "default_pool_size = 1",
                            "ignore_startup_parameters = extra_float_digits,options",
                            "logfile = " + root.resolve("pgbouncer.log"),
                            ""));
            List<String> command = new ArrayList<>();
            if ("root".equals(System.getProperty("user.name"))) {
                // PgBouncer refuses to run as root.
                command.addAll(List.of("runuser", "-u", "postgres", "--"));
            }
            command.addAll(List.of(PGBOUNCER.toString(), config.toString()));
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(root.resolve("pgbouncer.out").toFile())
                    .start();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!accepts(port)) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IOException(
                            "PgBouncer did not start: " + Files.readString(root.resolve("pgbouncer.out")));
                }
                Thread.sleep(50);
            }
            return new PgBouncer(process, port);
        }

        String jdbcUrl(String database) {
            return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            process.waitFor();
        }

        private static boolean accepts(int port) {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        private static int freePort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            }
        }
    }

    /** The feed announces changes; here nothing listens to them. */
    private static final class IgnoredChanges implements Event<TenantDataChanged> {

        @Override
        public void fire(TenantDataChanged event) {}

        @Override
        public <U extends TenantDataChanged> CompletionStage<U> fireAsync(U event) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends TenantDataChanged> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Event<TenantDataChanged> select(Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends TenantDataChanged> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends TenantDataChanged> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }
    }
}
