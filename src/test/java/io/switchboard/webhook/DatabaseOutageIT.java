package io.switchboard.webhook;

import io.switchboard.devdb.EmbeddedPostgresServer;
import io.switchboard.testing.Fixtures;
import io.switchboard.testing.PackagedApp;
import io.switchboard.webhook.simulator.WebhookSimulator;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged service while its database is down: webhooks get 503 (never a 2xx without a
 * commit), readiness reports the outage, and both recover by themselves when the database is back.
 */
class DatabaseOutageIT {

    @Test
    void webhooksGet503DuringAnOutageAndSucceedAfterIt() throws Exception {
        Map<String, String> database = EmbeddedPostgresServer.ensureStarted("it-data", true);
        try (PackagedApp app = PackagedApp.start(PackagedApp.productionEnvironment(database))) {
            assertThat(app.awaitReady(Duration.ofSeconds(60))).as(app.output()).isTrue();
            String accountSid = Fixtures.sid("AC");
            String authToken = "outage-token-" + Fixtures.randomHex(8);
            given().auth().oauth2(PackagedApp.OPERATOR_TOKEN).contentType("application/json")
                    .body(Map.of("name", "Outage Co", "twilio", Map.of("accountSid", accountSid, "authToken", authToken)))
                    .post(app.url("/admin/v1/tenants")).then().statusCode(201);
            WebhookSimulator twilio = new WebhookSimulator(app.url(""), null, accountSid, authToken);
            String callSid = WebhookSimulator.sid("CA");
            Map<String, String> voice = twilio.voice(callSid, "+14155550111", "+18005550100");

            EmbeddedPostgresServer.stop();
            try {
                HttpResponse<String> during = twilio.send("/webhooks/twilio/voice", voice);
                assertThat(during.statusCode()).as(during.body()).isEqualTo(503);
                assertThat(during.headers().firstValue("Retry-After")).isPresent();
                given().get(app.url("/q/health/ready")).then().statusCode(503);
            } finally {
                EmbeddedPostgresServer.restart();
            }

            assertThat(app.awaitReady(Duration.ofSeconds(30))).as("readiness recovers; output:%n%s", app.output()).isTrue();
            HttpResponse<String> after = twilio.send("/webhooks/twilio/voice", voice);
            assertThat(after.statusCode()).as(after.body()).isEqualTo(200);
            try (Connection db = DriverManager.getConnection(System.getProperty(EmbeddedPostgresServer.SUPERUSER_URL_PROPERTY));
                 var count = db.prepareStatement("SELECT count(*) FROM calls WHERE sid = ?")) {
                count.setString(1, callSid);
                try (var rows = count.executeQuery()) {
                    rows.next();
                    assertThat(rows.getLong(1)).isEqualTo(1);
                }
            }
        }
    }
}
