package io.switchboard.event;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.standardwebhooks.Webhook;
import io.switchboard.devdb.EmbeddedPostgresServer;
import io.switchboard.testing.PackagedApp;
import io.switchboard.testing.WebhookReceiver;
import io.switchboard.testing.WebhookReceiver.Answer;
import io.switchboard.testing.WebhookReceiver.Delivery;
import io.switchboard.webhook.simulator.WebhookSimulator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An event committed with its change is delivered even when the service is killed (SIGKILL)
 * before the delivery succeeds: the outbox row waits in PostgreSQL, and the next instance sends it,
 * with the same webhook-id, once.
 */
class EventsSurviveACrashIT {

    @Test
    void anEventCommittedBeforeACrashIsDeliveredAfterIt() throws Exception {
        Map<String, String> database = EmbeddedPostgresServer.ensureStarted("it-data", true);
        Map<String, String> environment = PackagedApp.productionEnvironment(database);
        environment.put("SWITCHBOARD_WEBHOOKS_ALLOW_PRIVATE", "true");
        environment.put("SWITCHBOARD_RECONCILE_EVERY", "off");
        try (WebhookReceiver receiver = WebhookReceiver.start(Answer.status(503))) {
            String secret;
            String callSid = WebhookSimulator.sid("CA");
            PackagedApp.TwilioTenant tenant;
            try (PackagedApp first = PackagedApp.start(environment)) {
                assertThat(first.awaitReady(Duration.ofSeconds(60)))
                        .as(first.output())
                        .isTrue();
                tenant = first.createTenant("Crash between commit and delivery");
                secret = given().auth()
                        .oauth2(tenant.apiKey())
                        .contentType("application/json")
                        .body(Map.of("url", receiver.url("/events"), "events", List.of("call.created")))
                        .post(first.url("/v1/webhook-endpoints"))
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("secret");
                assertThat(tenant.twilio()
                                .send(
                                        "/webhooks/twilio/voice",
                                        tenant.twilio().voice(callSid, "+14155550111", "+1800555"))
                                .statusCode())
                        .isEqualTo(200);
                // The first attempt met a 503; the next is due in about 5 s. The service dies now.
                assertThat(receiver.await(1, any -> true, Duration.ofSeconds(30)))
                        .hasSize(1);
                first.killHard();
            }
            receiver.answer(Answer.status(200));

            try (PackagedApp second = PackagedApp.start(environment)) {
                assertThat(second.awaitReady(Duration.ofSeconds(60)))
                        .as(second.output())
                        .isTrue();
                List<Delivery> deliveries = receiver.await(2, any -> true, Duration.ofSeconds(60));
                assertThat(deliveries).as(second.output()).hasSize(2);
                Delivery delivered = deliveries.get(1);
                assertThat(delivered.id()).isEqualTo(deliveries.get(0).id());
                new Webhook(secret).verify(delivered.body(), delivered.headers());
                assertThat(delivered.body()).contains(callSid);
                Thread.sleep(1000);
                assertThat(receiver.received())
                        .as("delivered once after the crash")
                        .hasSize(2);
            }
            try (Connection db = DriverManager.getConnection(
                            System.getProperty(EmbeddedPostgresServer.SUPERUSER_URL_PROPERTY));
                    var query = db.prepareStatement(
                            "SELECT count(*), min(d.state), max(d.attempts) FROM events e JOIN event_deliveries d"
                                    + " ON d.tenant_id = e.tenant_id AND d.event_id = e.id WHERE e.tenant_id = ?")) {
                query.setObject(1, tenant.id());
                try (var row = query.executeQuery()) {
                    row.next();
                    assertThat(row.getLong(1)).as("one event, one delivery").isEqualTo(1);
                    assertThat(row.getString(2)).isEqualTo("succeeded");
                    assertThat(row.getInt(3)).as("attempts").isEqualTo(2);
                }
            }
        }
    }
}
