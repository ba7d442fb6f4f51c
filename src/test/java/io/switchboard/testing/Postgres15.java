package io.switchboard.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A PostgreSQL 15 cluster of the machine's own packages (/usr/lib/postgresql/15), for tests that
 * need what the embedded server lacks: the server operators run, pg_dump, psql. Its data lives in a
 * fresh directory of the system's temporary folder, which the postgres user can reach wherever the
 * clone lives, and is removed on {@link #close()}. Trust authentication on localhost: the tests
 * play the database administrator.
 */
public final class Postgres15 implements AutoCloseable {

    public static final Path BIN = Path.of(System.getProperty("switchboard.pg15", "/usr/lib/postgresql/15/bin"));

    private final Path root;
    private final Path data;
    private final int port;

    private Postgres15(Path root, int port) {
        this.root = root;
        this.data = root.resolve("pgdata");
        this.port = port;
    }

    /** Whether this machine has the PostgreSQL 15 server and client programs. */
    public static boolean installed() {
        return Files.isExecutable(BIN.resolve("pg_ctl")) && Files.isExecutable(BIN.resolve("pg_dump"));
    }

    public static Postgres15 start() throws IOException, InterruptedException {
        Postgres15 cluster = new Postgres15(Files.createTempDirectory("switchboard-pg15-"), freePort());
        Files.createDirectories(cluster.data);
        if (isRoot()) {
            // PostgreSQL refuses to run as root: the cluster belongs to the postgres user.
            run("chown", "-R", "postgres", cluster.root.toString());
        }
        cluster.asPostgres(
                BIN.resolve("initdb").toString(),
                "-D",
                cluster.data.toString(),
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8");
        cluster.asPostgres(
                BIN.resolve("pg_ctl").toString(),
                "-D",
                cluster.data.toString(),
                "-w",
                "-l",
                cluster.root.resolve("log").toString(),
                "-o",
                "-p " + cluster.port + " -k /tmp",
                "start");
        return cluster;
    }

    public int port() {
        return port;
    }

    public Path root() {
        return root;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Runs statements as the superuser, each in its own transaction. */
    public void sql(String database, String... statements) throws SQLException {
        try (Connection db = DriverManager.getConnection(jdbcUrl(database) + "?user=postgres")) {
            for (String statement : statements) {
                db.createStatement().execute(statement);
            }
        }
    }

    public Connection asSuperuser(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database) + "?user=postgres");
    }

    /** Runs one of the cluster's programs (pg_dump, psql, ...) as the postgres user. */
    public void asPostgres(String... command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(List.of(command));
        run(full.toArray(String[]::new));
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            asPostgres(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "stop");
        } finally {
            run("rm", "-rf", root.toString());
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed:\n" + output);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
