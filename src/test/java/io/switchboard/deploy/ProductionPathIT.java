package io.switchboard.deploy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.switchboard.testing.Postgres15;
import io.switchboard.testing.ReadmeBlocks;
import io.switchboard.webhook.simulator.WebhookSimulator;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A new operator following the README's production section literally: the blocks marked
 * {@code <!-- tested: ... -->} are run exactly as written, with bash, against a real PostgreSQL 15
 * whose superuser is reached through PGHOST/PGPORT/PGUSER as the README says. Then the service is
 * restarted with the same files, and every secret is still readable.
 */
class ProductionPathIT {

    private static final Duration START = Duration.ofSeconds(90);

    @Test
    void aNewOperatorFollowingTheReadmeGetsAWorkingInstanceThatKeepsItsSecretsAcrossRestarts() throws Exception {
        assumeTrue(Postgres15.installed(), "PostgreSQL 15 is not installed at " + Postgres15.BIN);
        Map<String, String> blocks = ReadmeBlocks.read();
        assertThat(blocks)
                .containsKeys("production-secrets", "production-database", "production-start", "first-ten-minutes");
        Path work = operatorsFolder();
        try (Postgres15 postgres = Postgres15.start()) {
            int http = freePort();
            int management = freePort();
            Map<String, String> env = Map.of(
                    "PGHOST",
                    "127.0.0.1",
                    "PGPORT",
                    Integer.toString(postgres.port()),
                    "PGUSER",
                    "postgres",
                    "QUARKUS_HTTP_PORT",
                    Integer.toString(http),
                    "QUARKUS_MANAGEMENT_PORT",
                    Integer.toString(management),
                    "SB",
                    "http://localhost:" + http);

            String once = run(work, env, blocks.get("production-secrets") + blocks.get("production-database"));
            String secrets = Files.readString(work.resolve("switchboard-secrets/switchboard.env"));
            String walkthrough;
            try (Service service = Service.start(
                    work, env, blocks.get("production-secrets") + blocks.get("production-start"), management)) {
                assertThat(service.awaitReady(START)).as(service.output()).isTrue();
                walkthrough = run(work, env, blocks.get("first-ten-minutes"));
            }
            assertThat(walkthrough)
                    .as("the walkthrough's output")
                    .contains("\"sid\":\"CA")
                    .contains("\"totalCalls\":1");

            // A restart with the same commands: the secrets are kept, and the Twilio secret stored
            // under them still verifies Twilio's signature, the CEO still logs in.
            try (Service service = Service.start(
                    work, env, blocks.get("production-secrets") + blocks.get("production-start"), management)) {
                assertThat(service.awaitReady(START)).as(service.output()).isTrue();
                assertThat(Files.readString(work.resolve("switchboard-secrets/switchboard.env")))
                        .isEqualTo(secrets);
                new WebhookSimulator(
                                "http://localhost:" + http,
                                null,
                                "AC0123456789abcdef0123456789abcdef",
                                "your_auth_token")
                        .playCall(WebhookSimulator.sid("CA"), "+14155550111", "+18005550100");
                String tenantId = Files.readString(work.resolve("tenant.json"))
                        .replaceAll(".*\"id\":\"([^\"]+)\".*", "$1")
                        .trim();
                given().contentType("application/json")
                        .body(Map.of(
                                "email",
                                "ceo@acme-dental.com",
                                "password",
                                "correct horse battery",
                                "tenantId",
                                tenantId))
                        .post("http://localhost:" + http + "/v1/auth/login")
                        .then()
                        .statusCode(200);
                assertThat(service.output())
                        .doesNotContain(secrets.lines().findFirst().orElseThrow());
            }
            assertThat(once).doesNotContain("ERROR");
        } finally {
            new ProcessBuilder("rm", "-rf", work.toString()).start().waitFor();
        }
    }

    /**
     * A working folder like the operator's clone (the README's commands use deploy/, target/ and
     * src/ relative to it), so the secrets it writes do not land in this clone.
     */
    private static Path operatorsFolder() throws IOException {
        Path work = Files.createTempDirectory("switchboard-operator-");
        for (String entry : List.of("deploy", "target", "src")) {
            Files.createSymbolicLink(work.resolve(entry), Path.of(entry).toAbsolutePath());
        }
        return work;
    }

    private static String run(Path work, Map<String, String> env, String script) throws Exception {
        Process process = bash(work, env, script).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue())
                .as("exit status of%n%s%noutput:%n%s", script, output)
                .isZero();
        return output;
    }

    private static ProcessBuilder bash(Path work, Map<String, String> env, String script) {
        ProcessBuilder builder =
                new ProcessBuilder("bash", "-e", "-u", "-o", "pipefail", "-c", script).directory(work.toFile());
        builder.environment()
                .keySet()
                .removeIf(name -> name.startsWith("QUARKUS_")
                        || name.startsWith("SWITCHBOARD_")
                        || name.startsWith("PG")
                        || name.startsWith("SMALLRYE_")
                        || name.startsWith("MP_"));
        builder.environment().putAll(env);
        return builder;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The service as the README starts it: a bash process whose last command is java -jar. */
    private record Service(Process process, Path log, int managementPort) implements AutoCloseable {

        static Service start(Path work, Map<String, String> env, String script, int managementPort) throws IOException {
            Path log = Files.createTempFile("switchboard-readme", ".log");
            Process process = bash(work, env, script)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            return new Service(process, log, managementPort);
        }

        boolean awaitReady(Duration timeout) throws InterruptedException {
            HttpClient client = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(1))
                    .build();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && process.isAlive()) {
                try {
                    HttpResponse<Void> ready = client.send(
                            HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort + "/q/health/ready"))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (ready.statusCode() == 200) {
                        return true;
                    }
                } catch (IOException notYet) {
                    // still starting
                }
                Thread.sleep(250);
            }
            return false;
        }

        String output() throws IOException {
            return Files.readString(log);
        }

        @Override
        public void close() throws Exception {
            List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
            all.add(process.toHandle());
            all.forEach(ProcessHandle::destroy);
            for (ProcessHandle handle : all) {
                handle.onExit().get(30, TimeUnit.SECONDS);
            }
            Files.deleteIfExists(log);
        }
    }
}
