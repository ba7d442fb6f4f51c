package io.switchboard.reliability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.switchboard.testing.Fixtures;
import io.switchboard.testing.PackagedApp;
import io.switchboard.testing.Postgres15;
import io.switchboard.webhook.simulator.WebhookSimulator;
import java.nio.file.Path;
import java.sql.Connection;
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

    private static Postgres15 cluster;

    @BeforeAll
    static void startPostgres15() throws Exception {
        assumeTrue(Postgres15.installed(), "PostgreSQL 15 binaries are not installed at " + Postgres15.BIN);
        cluster = Postgres15.start();
        cluster.sql(
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
        if (cluster != null) {
            cluster.close();
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
        Path dump = cluster.root().resolve("switchboard.dump");
        cluster.asPostgres(
                Postgres15.BIN.resolve("pg_dump").toString(),
                "-h",
                "/tmp",
                "-p",
                Integer.toString(cluster.port()),
                "-U",
                "postgres",
                "-Fc",
                "-f",
                dump.toString(),
                "switchboard");
        cluster.asPostgres(
                Postgres15.BIN.resolve("pg_restore").toString(),
                "-h",
                "/tmp",
                "-p",
                Integer.toString(cluster.port()),
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
        String url = cluster.jdbcUrl(name);
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
        try (Connection db = cluster.asSuperuser(database);
                var rows = db.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
