package io.switchboard.reliability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testing.Database;
import io.switchboard.testing.SignedWebhook;
import io.switchboard.testing.TestTenants;
import io.switchboard.webhook.simulator.WebhookSimulator;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random and hostile input against the webhooks and the API (seeded, so a failure reproduces):
 * never a 5xx, API errors always as problem JSON, and nothing written by a refused request.
 */
@QuarkusTest
class BadInputTest {

    private static final String[] NASTY = {
        "",
        " ",
        "'; DROP TABLE calls; --",
        "\" OR 1=1 --",
        "%00",
        "\u0000",
        "\uD800",
        "💥",
        "<script>alert(1)</script>",
        "9".repeat(40),
        "-1",
        "1e309",
        "null",
        "true",
        "[]",
        "{}",
        "x".repeat(5000),
        "../../etc/passwd",
        "%ZZ",
        "CA" + "g".repeat(32),
        "+1" + "5".repeat(60)
    };

    @Test
    void webhooksWithHostileParametersNeverFailTheServer() throws Exception {
        TestTenants.Tenant tenant = TestTenants.create();
        WebhookSimulator twilio =
                new WebhookSimulator(SignedWebhook.localBase(), null, tenant.accountSid(), tenant.authToken());
        Random random = new Random(20261122);
        List<String> failures = new ArrayList<>();
        String[] paths = {"voice", "call-status", "recording-status", "sms", "message-status"};
        for (int i = 0; i < 150; i++) {
            String path = "/webhooks/twilio/" + paths[random.nextInt(paths.length)];
            Map<String, String> params = new LinkedHashMap<>(
                    switch (path) {
                        case "/webhooks/twilio/recording-status" -> twilio.recording(
                                WebhookSimulator.sid("RE"), WebhookSimulator.sid("CA"), "completed", 3);
                        case "/webhooks/twilio/sms" -> twilio.inboundSms(WebhookSimulator.sid("SM"), "+1", "+2", "hi");
                        case "/webhooks/twilio/message-status" -> twilio.messageStatus(
                                WebhookSimulator.sid("SM"), "sent");
                        default -> twilio.callStatus(WebhookSimulator.sid("CA"), "ringing", 1, 0);
                    });
            List<String> names = new ArrayList<>(params.keySet());
            String victim = names.get(1 + random.nextInt(names.size() - 1));
            params.put(victim, NASTY[random.nextInt(NASTY.length)]);
            // Signed correctly half the time, so hostile values reach the handlers and not only the gate.
            String token = random.nextBoolean() ? tenant.authToken() : "wrong";
            int status = SignedWebhook.post(path, params, token).statusCode();
            if (status >= 500) {
                failures.add(path + " with " + victim + "=" + params.get(victim) + ": " + status);
            }
        }
        for (String raw : new String[] {"%", "a=%E0%A4%A", "=&=&&", "\u0000\u0001", "a".repeat(70_000)}) {
            int status = given().contentType("application/x-www-form-urlencoded")
                    .header("X-Twilio-Signature", "x")
                    .body(raw)
                    .post("/webhooks/twilio/voice")
                    .statusCode();
            if (status >= 500) {
                failures.add("raw body " + raw.substring(0, Math.min(20, raw.length())) + ": " + status);
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void apiRequestsWithHostileBodiesAndParametersAreProblemsNotFailures() throws Exception {
        TestTenants.Tenant tenant = TestTenants.create();
        Random random = new Random(7);
        List<String> failures = new ArrayList<>();
        String[] writes = {
            "/v1/calls",
            "/v1/products",
            "/v1/content",
            "/v1/loss-reasons",
            "/v1/users",
            "/v1/messages",
            "/v1/calls/dial"
        };
        String[] fields = {
            "notes",
            "name",
            "title",
            "type",
            "body",
            "outcome",
            "lossReasonId",
            "userId",
            "priceCents",
            "currency",
            "email",
            "role",
            "password",
            "to",
            "from",
            "scheduledAt",
            "duration",
            "active"
        };
        for (int i = 0; i < 200; i++) {
            String path = writes[random.nextInt(writes.length)];
            StringBuilder body = new StringBuilder("{");
            for (int f = 0; f < 1 + random.nextInt(4); f++) {
                String value = NASTY[random.nextInt(NASTY.length)];
                String json = random.nextInt(3) == 0
                        ? value.replaceAll("[^0-9a-z\\[\\]{}-]", "")
                        : "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
                body.append(f == 0 ? "" : ",")
                        .append('"')
                        .append(fields[random.nextInt(fields.length)])
                        .append("\":")
                        .append(json.isEmpty() ? "0" : json);
            }
            body.append(random.nextInt(10) == 0 ? "" : "}");
            var response = tenant.asApp().body(body.toString()).post(path);
            if (response.statusCode() >= 500
                    || (response.statusCode() >= 400
                            && !response.contentType().startsWith("application/problem+json"))) {
                failures.add("POST " + path + " " + body + ": " + response.statusCode() + " " + response.contentType());
            }
        }
        for (String value : NASTY) {
            for (String filter : new String[] {"status", "since", "userId", "outcome", "limit", "cursor"}) {
                int status = tenant.asApp()
                        .urlEncodingEnabled(true)
                        .queryParam(filter, value)
                        .get("/v1/calls")
                        .statusCode();
                if (status >= 500) {
                    failures.add("GET /v1/calls?" + filter + "=" + value + ": " + status);
                }
            }
            String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8);
            int status = tenant.asApp()
                    .urlEncodingEnabled(false)
                    .get("/v1/calls/" + encoded)
                    .statusCode();
            if (status >= 500) {
                failures.add("GET /v1/calls/" + value + ": " + status);
            }
        }
        assertThat(failures).isEmpty();
        try (Connection db = Database.asSuperuser()) {
            assertThat(
                            Database.column(
                                    db,
                                    "SELECT to_regclass('public.calls') IS NOT NULL AND to_regclass('public.products') IS NOT NULL"))
                    .as("hostile values are data, never SQL")
                    .containsExactly(true);
        }
    }
}
