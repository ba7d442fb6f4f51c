package io.switchboard.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testing.ReadmeBlocks;
import io.switchboard.testing.TestTenants;
import io.switchboard.testing.WebhookReceiver;
import io.switchboard.testing.WebhookReceiver.Delivery;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The README's verification block, run as written with bash and openssl against a real delivery:
 * it accepts the delivery as it came, and refuses it with one byte of the body changed. The
 * format is therefore checkable without the Java library, as other languages' libraries check it.
 */
@QuarkusTest
class EventVerificationReadmeTest {

    @Test
    void theReadmesOpensslCheckAcceptsARealDeliveryAndRefusesAnAlteredOne() throws Exception {
        String script = ReadmeBlocks.read().get("verify-event");
        assertThat(script).as("the README's verify-event block").isNotNull();
        TestTenants.Tenant tenant = TestTenants.create();
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            String secret = Endpoints.create(tenant, receiver.url("/events"), List.of("call.logged"));
            tenant.asApp()
                    .body(Map.of("notes", "Ünïcode and \"quotes\""))
                    .post("/v1/calls")
                    .then()
                    .statusCode(201);
            Delivery delivery =
                    receiver.await(1, any -> true, Duration.ofSeconds(20)).get(0);

            assertThat(run(script, secret, delivery, delivery.body())).isEqualTo("verified");
            assertThat(run(script, secret, delivery, delivery.body().replace("quotes", "quotas")))
                    .isEqualTo("signature mismatch");
        }
    }

    @Test
    void theStandardWebhooksTypeScriptLibraryVerifiesADeliveryToo() throws Exception {
        Path library = Path.of("target", "standardwebhooks-js").toAbsolutePath();
        if (!Files.isDirectory(library.resolve("node_modules/standardwebhooks"))) {
            Files.createDirectories(library);
            Process install = new ProcessBuilder(
                            "npm",
                            "install",
                            "--prefix",
                            library.toString(),
                            "--no-audit",
                            "--no-fund",
                            "--loglevel",
                            "error",
                            "standardwebhooks@1.1.1")
                    .redirectErrorStream(true)
                    .start();
            String output = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            org.junit.jupiter.api.Assumptions.assumeTrue(
                    install.waitFor(3, TimeUnit.MINUTES) && install.exitValue() == 0,
                    "standardwebhooks could not be installed from npm:\n" + output);
        }
        String verify = "const { Webhook } = require('standardwebhooks');"
                + "const body = require('fs').readFileSync('body.json', 'utf8');"
                + "new Webhook(process.env.SECRET).verify(body, {'webhook-id': process.env.WEBHOOK_ID,"
                + " 'webhook-timestamp': process.env.WEBHOOK_TIMESTAMP,"
                + " 'webhook-signature': process.env.WEBHOOK_SIGNATURE});"
                + "console.log('verified');";
        TestTenants.Tenant tenant = TestTenants.create();
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            String secret = Endpoints.create(tenant, receiver.url("/events"), List.of("call.logged"));
            tenant.asApp()
                    .body(Map.of("notes", "for node"))
                    .post("/v1/calls")
                    .then()
                    .statusCode(201);
            Delivery delivery =
                    receiver.await(1, any -> true, Duration.ofSeconds(20)).get(0);

            String script = "NODE_PATH=" + library.resolve("node_modules") + " node -e \"$VERIFY\"";
            assertThat(run(script, secret, delivery, delivery.body(), Map.of("VERIFY", verify)))
                    .isEqualTo("verified");
            assertThat(run(script, secret, delivery, delivery.body() + " ", Map.of("VERIFY", verify)))
                    .isNotEqualTo("verified");
        }
    }

    private static String run(String script, String secret, Delivery delivery, String body) throws Exception {
        return run(script, secret, delivery, body, Map.of());
    }

    /** The block's last line of output (stdout or stderr). */
    private static String run(String script, String secret, Delivery delivery, String body, Map<String, String> extra)
            throws Exception {
        Path work = Files.createTempDirectory("receiver-");
        Files.writeString(work.resolve("body.json"), body, StandardCharsets.UTF_8);
        ProcessBuilder bash = new ProcessBuilder("bash", "-e", "-u", "-o", "pipefail", "-c", script)
                .directory(work.toFile())
                .redirectErrorStream(true);
        bash.environment()
                .putAll(Map.of(
                        "SECRET", secret,
                        "WEBHOOK_ID",
                                delivery.headers().firstValue("webhook-id").orElseThrow(),
                        "WEBHOOK_TIMESTAMP",
                                delivery.headers()
                                        .firstValue("webhook-timestamp")
                                        .orElseThrow(),
                        "WEBHOOK_SIGNATURE",
                                delivery.headers()
                                        .firstValue("webhook-signature")
                                        .orElseThrow()));
        bash.environment().putAll(extra);
        Process process = bash.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String[] lines = output.split("\n");
        return lines[lines.length - 1];
    }
}
