package io.switchboard.reliability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.switchboard.testing.Fixtures;
import io.switchboard.testing.PackagedApp;
import io.switchboard.webhook.simulator.WebhookSimulator;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Backup and restore as ops would do it: pg_dump of a live Switchboard database, pg_restore into a
 * new database, the service started on the copy with the same keys. Same row counts, every secret
 * decrypts, API keys and logins still work.
 *
 * <p>Runs on PostgreSQL 15 from the machine image (/usr/lib/postgresql/15), whose pg_dump matches
 * the server; the embedded server of the other tests is 17, which pg_dump 15 refuses.
 */
class BackupRestoreIT {

    private static final Path PG = Path.of(System.getProperty("switchboard.pg15", "/usr/lib/postgresql/15/bin"));
    /**
     * The cluster's data, in a fresh directory of the system's temporary folder: the postgres user
     * must be able to reach it, which a folder under the clone may not allow (a clone under a
     * mode-700 directory, as mktemp -d makes). Removed when the test ends.
     */
    private static Path root;

    private static Path data;
    private static int port;

    @BeforeAll
    static void startPostgres15() throws Exception {
        assumeTrue(
                Files.isExecutable(PG.resolve("pg_ctl")) && Files.isExecutable(PG.resolve("pg_dump")),
                "PostgreSQL 15 binaries are not installed at " + PG);
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        root = Files.createTempDirectory("switchboard-backup-restore-");
        data = root.resolve("pgdata");
        Files.createDirectories(data);
        if (isRoot()) {
            // PostgreSQL refuses to run as root: the cluster belongs to the postgres user.
            run("chown", "-R", "postgres", root.toString());
        }
        asPostgres(
                PG.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres", "-A", "trust", "-E", "UTF8");
        asPostgres(
                PG.resolve("pg_ctl").toString(),
                "-D",
                data.toString(),
                "-w",
                "-l",
                root.resolve("log").toString(),
                "-o",
                "-p " + port + " -k /tmp",
                "start");
        sql(
                "postgres",
                "CREATE ROLE switchboard_owner LOGIN",
                "CREATE ROLE switchboard_app LOGIN",
                "CREATE ROLE switchboard_directory NOLOGIN",
                "GRANT switchboard_directory TO switchboard_owner",
                "CREATE DATABASE switchboard OWNER switchboard_owner",
                "CREATE DATABASE restored OWNER switchboard_owner");
    }

    @AfterAll
    static void stopPostgres15() throws Exception {
        if (port != 0) {
            asPostgres(PG.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "stop");
        }
        if (root != null) {
            run("rm", "-rf", root.toString());
        }
    }

    @Test
    void aRestoredCopyServesTheSameDataWithTheSameKeys() throws Exception {
        Map<String, String> env = PackagedApp.productionEnvironment(database("switchboard"));
        List<String> apiKeys = new ArrayList<>();
        String tenantId;
        try (PackagedApp app = PackagedApp.start(env)) {
            assertThat(app.awaitReady(Duration.ofSeconds(60))).as(app.output()).isTrue();
            String accountSid = Fixtures.sid("AC");
            String token = "backup-token-" + Fixtures.randomHex(8);
            var created = given().auth()
                    .oauth2(PackagedApp.OPERATOR_TOKEN)
                    .contentType("application/json")
                    .body(Map.of(
                            "name",
                            "Backed up",
                            "twilio",
                            Map.of(
                                    "accountSid",
                                    accountSid,
                                    "authToken",
                                    token,
                                    "apiKeySid",
                                    Fixtures.sid("SK"),
                                    "apiKeySecret",
                                    "secret-" + Fixtures.randomHex(8))))
                    .post(app.url("/admin/v1/tenants"))
                    .then()
                    .statusCode(201)
                    .extract();
            tenantId = created.path("id");
            apiKeys.add(created.path("apiKey"));
            given().auth()
                    .oauth2(PackagedApp.OPERATOR_TOKEN)
                    .contentType("application/json")
                    .body(Map.of(
                            "email",
                            "ceo@backup.example",
                            "name",
                            "CEO",
                            "role",
                            "ceo",
                            "password",
                            "correct horse battery"))
                    .post(app.url("/admin/v1/tenants/" + tenantId + "/users"))
                    .then()
                    .statusCode(201);
            new WebhookSimulator(app.url(""), null, accountSid, token)
                    .playCall(WebhookSimulator.sid("CA"), "+14155550111", "+1800");
        }
        Path dump = root.resolve("switchboard.dump");
        asPostgres(
                PG.resolve("pg_dump").toString(),
                "-h",
                "/tmp",
                "-p",
                Integer.toString(port),
                "-U",
                "postgres",
                "-Fc",
                "-f",
                dump.toString(),
                "switchboard");
        asPostgres(
                PG.resolve("pg_restore").toString(),
                "-h",
                "/tmp",
                "-p",
                Integer.toString(port),
                "-U",
                "postgres",
                "-d",
                "restored",
                "--exit-on-error",
                dump.toString());
        for (String table :
                new String[] {"tenants", "api_keys", "users", "calls", "recordings", "audit_logs", "settings"}) {
            assertThat(count("restored", table)).as(table).isEqualTo(count("switchboard", table));
        }

        Map<String, String> restoredEnv = new HashMap<>(env);
        database("restored")
                .forEach((key, value) -> restoredEnv.put(
                        "QUARKUS_"
                                + key.substring("quarkus.".length())
                                        .replace('.', '_')
                                        .replace('-', '_')
                                        .toUpperCase(),
                        value));
        try (PackagedApp app = PackagedApp.start(restoredEnv)) {
            assertThat(app.awaitReady(Duration.ofSeconds(60))).as(app.output()).isTrue();
            given().auth()
                    .oauth2(apiKeys.get(0))
                    .get(app.url("/v1/calls"))
                    .then()
                    .statusCode(200)
                    .body("data.size()", Matchers.equalTo(1));
            var rotation = given().auth()
                    .oauth2(PackagedApp.OPERATOR_TOKEN)
                    .post(app.url("/admin/v1/crypto/rotate"))
                    .then()
                    .statusCode(200)
                    .extract();
            assertThat((List<?>) rotation.path("failures"))
                    .as("every secret decrypts")
                    .isEmpty();
            assertThat((Integer) rotation.path("alreadyCurrent")).isEqualTo(2);
            given().contentType("application/json")
                    .body(Map.of(
                            "email", "ceo@backup.example", "password", "correct horse battery", "tenantId", tenantId))
                    .post(app.url("/v1/auth/login"))
                    .then()
                    .statusCode(200);
        }
    }

    private static Map<String, String> database(String name) {
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/" + name;
        return Map.of(
                "quarkus.datasource.jdbc.url",
                url,
                "quarkus.datasource.username",
                "switchboard_app",
                "quarkus.datasource.password",
                "x",
                "quarkus.flyway.jdbc-url",
                url,
                "quarkus.flyway.username",
                "switchboard_owner",
                "quarkus.flyway.password",
                "x");
    }

    private static long count(String database, String table) throws Exception {
        try (Connection db = DriverManager.getConnection(
                        "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres");
                var rows = db.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void sql(String database, String... statements) throws Exception {
        try (Connection db = DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres")) {
            for (String statement : statements) {
                db.createStatement().execute(statement);
            }
        }
    }

    private static void asPostgres(String... command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(List.of(command));
        run(full.toArray(String[]::new));
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor())
                .as("%s%n%s", String.join(" ", command), output)
                .isZero();
    }
}
