package io.switchboard.common;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.devdb.EmbeddedPostgresServer;
import io.switchboard.testing.PackagedApp;
import io.switchboard.testing.WebhookReceiver;
import io.switchboard.testing.WebhookReceiver.Answer;
import io.switchboard.webhook.simulator.WebhookSimulator;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Two instances against one PostgreSQL: what one of them changes, the other's caches (which now
 * keep entries for minutes) drop as soon as the change commits, through LISTEN/NOTIFY: a tenant's
 * status, its greeting, its event endpoints, its custom domain, and an API key's revocation. Each step
 * first makes the other instance cache the old state, then changes it on the first.
 */
class CachesAcrossInstancesIT {

    /** Far below the caches' life: only a notification can make the other instance see it in time. */
    private static final Duration SEEN_WITHIN = Duration.ofSeconds(8);

    @Test
    void whatOneInstanceChangesTheOtherSeesAtOnce() throws Exception {
        Map<String, String> database = EmbeddedPostgresServer.ensureStarted("it-caches", true);
        Map<String, String> environment = PackagedApp.productionEnvironment(database);
        environment.put("SWITCHBOARD_WEBHOOKS_ALLOW_PRIVATE", "true");
        environment.put("SWITCHBOARD_RECONCILE_EVERY", "off");
        try (PackagedApp first = PackagedApp.start(environment);
                WebhookReceiver receiver = WebhookReceiver.start(Answer.status(200))) {
            assertThat(first.awaitReady(Duration.ofSeconds(60)))
                    .as(first.output())
                    .isTrue();
            try (PackagedApp second = PackagedApp.start(environment)) {
                assertThat(second.awaitReady(Duration.ofSeconds(60)))
                        .as(second.output())
                        .isTrue();
                PackagedApp.TwilioTenant tenant = first.createTenant("Two instances");
                WebhookSimulator twilioToSecond = tenant.twilioTo(second);

                assertThat(voice(twilioToSecond).statusCode()).isEqualTo(200);
                patchTenant(first, tenant, "{\"status\":\"inactive\"}");
                assertThat(eventually(() -> voice(twilioToSecond), answer -> answer.statusCode() == 403))
                        .as("a tenant deactivated on the first instance is refused by the second")
                        .isTrue();
                patchTenant(first, tenant, "{\"status\":\"active\"}");
                assertThat(eventually(() -> voice(twilioToSecond), answer -> answer.statusCode() == 200))
                        .isTrue();

                given().auth()
                        .oauth2(tenant.apiKey())
                        .contentType("application/json")
                        .body(Map.of("title", "Hello", "type", "greeting", "body", "Thanks for calling Two Instances"))
                        .post(first.url("/v1/content"))
                        .then()
                        .statusCode(201);
                assertThat(eventually(() -> voice(twilioToSecond), answer -> answer.body()
                                .contains("Thanks for calling Two Instances")))
                        .as("a greeting added on the first instance answers calls on the second")
                        .isTrue();

                given().auth()
                        .oauth2(tenant.apiKey())
                        .contentType("application/json")
                        .body(Map.of("url", receiver.url("/events"), "events", List.of("call.created")))
                        .post(first.url("/v1/webhook-endpoints"))
                        .then()
                        .statusCode(201);
                assertThat(eventually(() -> voice(twilioToSecond), answer -> eventCount(first, tenant) > 0))
                        .as("an endpoint created on the first instance gets the second's events")
                        .isTrue();

                // A custom domain the second remembers as nobody's, then claimed on the first.
                PackagedApp.TwilioTenant other = first.createTenant("Other tenant");
                String domain = "calls.two-instances.example";
                assertThat(listCalls(second, other.apiKey(), domain)).isEqualTo(200);
                patchTenant(first, tenant, "{\"customDomain\":\"" + domain + "\"}");
                assertThat(eventually(() -> listCalls(second, other.apiKey(), domain), status -> status == 401))
                        .as("a domain claimed on the first instance refuses another tenant's key on the second")
                        .isTrue();
                assertThat(listCalls(second, tenant.apiKey(), domain)).isEqualTo(200);

                // A key the second remembers, revoked on the first.
                assertThat(listCalls(second, other.apiKey(), null)).isEqualTo(200);
                String keyId = given().auth()
                        .oauth2(PackagedApp.OPERATOR_TOKEN)
                        .get(first.url("/admin/v1/tenants/" + other.id() + "/api-keys"))
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("[0].id");
                given().auth()
                        .oauth2(PackagedApp.OPERATOR_TOKEN)
                        .delete(first.url("/admin/v1/tenants/" + other.id() + "/api-keys/" + keyId))
                        .then()
                        .statusCode(204);
                assertThat(eventually(() -> listCalls(second, other.apiKey(), null), status -> status == 401))
                        .as("a key revoked on the first instance is refused by the second")
                        .isTrue();
            }
        }
    }

    private static HttpResponse<String> voice(WebhookSimulator twilio) throws Exception {
        return twilio.send(
                "/webhooks/twilio/voice", twilio.voice(WebhookSimulator.sid("CA"), "+14155550111", "+1800555"));
    }

    private static void patchTenant(PackagedApp instance, PackagedApp.TwilioTenant tenant, String patch) {
        given().auth()
                .oauth2(PackagedApp.OPERATOR_TOKEN)
                .contentType("application/merge-patch+json")
                .body(patch)
                .patch(instance.url("/admin/v1/tenants/" + tenant.id()))
                .then()
                .statusCode(200);
    }

    /** The status of a call list asked of {@code instance} with {@code apiKey}, as if for {@code host}. */
    private static int listCalls(PackagedApp instance, String apiKey, String host) {
        var request = given().auth().oauth2(apiKey);
        if (host != null) {
            request = request.header("Host", host);
        }
        return request.get(instance.url("/v1/calls")).statusCode();
    }

    private static int eventCount(PackagedApp instance, PackagedApp.TwilioTenant tenant) {
        return given().auth()
                .oauth2(tenant.apiKey())
                .get(instance.url("/v1/events"))
                .then()
                .statusCode(200)
                .extract()
                .path("data.size()");
    }

    private interface Attempt<T> {
        T run() throws Exception;
    }

    private static <T> boolean eventually(Attempt<T> attempt, Predicate<T> done) throws Exception {
        long deadline = System.nanoTime() + SEEN_WITHIN.toNanos();
        do {
            if (done.test(attempt.run())) {
                return true;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        return false;
    }
}
