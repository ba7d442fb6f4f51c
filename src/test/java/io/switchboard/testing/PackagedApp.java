package io.switchboard.testing;

import io.restassured.RestAssured;
import io.switchboard.common.Hashing;
import io.switchboard.webhook.simulator.WebhookSimulator;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** The packaged application (target/quarkus-app) started as production runs it: java -jar, configured by environment. */
public final class PackagedApp implements AutoCloseable {

    public static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    private final Process process;
    private final Path log;
    public final int port;
    /** The management interface: health and metrics. */
    public final int managementPort;

    private PackagedApp(Process process, Path log, int port, int managementPort) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.managementPort = managementPort;
    }

    public static PackagedApp start(Map<String, String> environment) throws IOException {
        int port = freePort();
        int managementPort = freePort();
        Path log = Files.createTempFile("switchboard-prod", ".log");
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-jar", JAR.toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("QUARKUS_") || name.startsWith("SWITCHBOARD_"));
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
        env.putAll(environment);
        return new PackagedApp(builder.start(), log, port, managementPort);
    }

    /** Waits for the process to end on its own; returns its exit code, or null if it is still running. */
    public Integer awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
    }

    /** Waits until readiness answers 200; false if the process ended or time ran out first. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                HttpResponse<String> ready = client.send(
                        HttpRequest.newBuilder(URI.create(managementUrl("/q/health/ready")))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return true;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        return false;
    }

    /** Ends the process as a crash would: SIGKILL, nothing flushed, nothing closed. */
    public void killHard() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
    }

    public String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** A URL on the management interface (health, metrics). */
    public String managementUrl(String path) {
        return "http://localhost:" + managementPort + path;
    }

    public String output() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        Files.deleteIfExists(log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * Creates a tenant with fresh Twilio credentials through the admin API (the operator token of
     * {@link #productionEnvironment}) and returns Twilio's side of it, signing for this app.
     */
    public WebhookSimulator createTwilioTenant(String name) {
        return createTenant(name).twilio();
    }

    /** A tenant made through the admin API, its first API key, and Twilio's side of it. */
    public record TwilioTenant(UUID id, String apiKey, WebhookSimulator twilio, String authToken) {

        /** Twilio's side of this tenant, sending to another instance of the service. */
        public WebhookSimulator twilioTo(PackagedApp instance) {
            return new WebhookSimulator(instance.url(""), null, twilio.accountSid(), authToken);
        }
    }

    /** The same as {@link #createTwilioTenant}, with the tenant's id. */
    public TwilioTenant createTenant(String name) {
        String accountSid = Fixtures.sid("AC");
        String authToken = "token-" + Fixtures.randomHex(16);
        var created = RestAssured.given()
                .auth()
                .oauth2(OPERATOR_TOKEN)
                .contentType("application/json")
                .body(Map.of("name", name, "twilio", Map.of("accountSid", accountSid, "authToken", authToken)))
                .post(url("/admin/v1/tenants"))
                .then()
                .statusCode(201)
                .extract();
        return new TwilioTenant(
                UUID.fromString(created.path("id")),
                created.path("apiKey"),
                new WebhookSimulator(url(""), null, accountSid, authToken),
                authToken);
    }

    /** The environment of a correctly configured production start against the given database settings. */
    public static Map<String, String> productionEnvironment(Map<String, String> database) {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_DATASOURCE_JDBC_URL", database.get("quarkus.datasource.jdbc.url"));
        env.put("QUARKUS_DATASOURCE_USERNAME", database.get("quarkus.datasource.username"));
        env.put("QUARKUS_DATASOURCE_PASSWORD", database.get("quarkus.datasource.password"));
        env.put("QUARKUS_FLYWAY_JDBC_URL", database.get("quarkus.flyway.jdbc-url"));
        env.put("QUARKUS_FLYWAY_USERNAME", database.get("quarkus.flyway.username"));
        env.put("QUARKUS_FLYWAY_PASSWORD", database.get("quarkus.flyway.password"));
        env.put("SWITCHBOARD_CRYPTO_KEYS", CRYPTO_KEYS);
        env.put("SWITCHBOARD_OPS_TOKEN_SHA256", HexFormat.of().formatHex(Hashing.sha256(OPERATOR_TOKEN)));
        env.put("SWITCHBOARD_PUBLIC_BASE_URL", "https://switchboard.example.test");
        env.putAll(JWT_KEYS);
        return env;
    }

    /**
     * One keyring for every start in this JVM, as operators keep theirs: a start with other bytes
     * under the same key id is rightly refused (its canary does not decrypt).
     */
    private static final String CRYPTO_KEYS = "prod-1:" + Base64.getEncoder().encodeToString(randomBytes(32));

    /** The operator token of {@link #productionEnvironment}. */
    public static final String OPERATOR_TOKEN =
            "prod-operator-token-" + HexFormat.of().formatHex(randomBytes(8));

    private static final Map<String, String> JWT_KEYS = writeJwtKeyPair();

    /** A fresh RSA pair in PEM files, as ops would mount them. */
    public static Map<String, String> writeJwtKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Path privateKey = Files.createTempFile("jwt-private", ".pem");
            Path publicKey = Files.createTempFile("jwt-public", ".pem");
            Files.writeString(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            return Map.of(
                    "SMALLRYE_JWT_SIGN_KEY_LOCATION",
                    privateKey.toUri().toString(),
                    "MP_JWT_VERIFY_PUBLICKEY_LOCATION",
                    publicKey.toUri().toString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der) + "\n-----END " + type
                + "-----\n";
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
