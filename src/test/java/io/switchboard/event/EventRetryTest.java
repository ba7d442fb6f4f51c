package io.switchboard.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.switchboard.testing.TestTenants;
import io.switchboard.testing.WebhookReceiver;
import io.switchboard.testing.WebhookReceiver.Answer;
import io.switchboard.testing.WebhookReceiver.Delivery;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What happens when an endpoint does not simply answer 2xx: it is tried again with the same
 * webhook-id, each attempt is kept for the tenant to read, a redirect is never followed, an
 * endpoint that hangs is cut off, and an event can be sent again on request.
 */
@QuarkusTest
class EventRetryTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void anEndpointAnswering500ThenOkGetsTheEventTwiceWithTheSameWebhookId() throws Exception {
        TestTenants.Tenant tenant = TestTenants.create();
        try (WebhookReceiver receiver = WebhookReceiver.start(Answer.status(500), Answer.status(200))) {
            Endpoints.create(tenant, receiver.url("/events"), List.of("call.logged"));
            tenant.asApp()
                    .body(Map.of("notes", "retry me"))
                    .post("/v1/calls")
                    .then()
                    .statusCode(201);

            List<Delivery> deliveries = receiver.await(2, any -> true, WAIT);

            assertThat(deliveries).hasSize(2);
            assertThat(deliveries.get(1).id()).isEqualTo(deliveries.get(0).id());
            assertThat(deliveries.get(1).body()).isEqualTo(deliveries.get(0).body());
            JsonPath delivery = awaitDeliveryState(tenant, deliveries.get(0).id(), "succeeded");
            assertThat(delivery.getList("data[0].attempts.statusCode", Integer.class))
                    .containsExactly(500, 200);
            assertThat(delivery.getString("data[0].attempts[0].error")).isEqualTo("HTTP 500");
            assertThat(delivery.getString("data[0].attempts[0].response")).contains("\"status\":500");
        }
    }

    @Test
    void anEndpointThatHangsIsCutOffAtTheTimeoutAndTriedAgainLater() throws Exception {
        TestTenants.Tenant tenant = TestTenants.create();
        try (WebhookReceiver receiver = WebhookReceiver.start(Answer.hang(Duration.ofSeconds(20)))) {
            Endpoints.create(tenant, receiver.url("/slow"), List.of("call.logged"));
            tenant.asApp()
                    .body(Map.of("notes", "slow"))
                    .post("/v1/calls")
                    .then()
                    .statusCode(201);
            String eventId = receiver.await(1, any -> true, WAIT).get(0).id();

            JsonPath delivery = awaitAttempts(tenant, eventId, 1);

            assertThat(delivery.getString("data[0].state")).isEqualTo("pending");
            assertThat(delivery.getString("data[0].attempts[0].error")).isEqualTo("No complete answer within 3 s");
            assertThat(delivery.getInt("data[0].attempts[0].durationMs")).isBetween(2_900, 10_000);
            assertThat(Instant.parse(delivery.getString("data[0].nextAttemptAt")))
                    .isAfter(Instant.now());
        }
    }

    @Test
    void aRedirectIsNeverFollowed() throws Exception {
        TestTenants.Tenant tenant = TestTenants.create();
        try (WebhookReceiver elsewhere = WebhookReceiver.start();
                WebhookReceiver receiver = WebhookReceiver.start(Answer.redirect(elsewhere.url("/stolen")))) {
            Endpoints.create(tenant, receiver.url("/moved"), List.of("call.logged"));
            tenant.asApp()
                    .body(Map.of("notes", "moved"))
                    .post("/v1/calls")
                    .then()
                    .statusCode(201);
            String eventId = receiver.await(1, any -> true, WAIT).get(0).id();

            JsonPath delivery = awaitAttempts(tenant, eventId, 1);

            assertThat(delivery.getInt("data[0].attempts[0].statusCode")).isEqualTo(302);
            assertThat(delivery.getString("data[0].state")).isEqualTo("pending");
            assertThat(elsewhere.received()).isEmpty();
        }
    }

    @Test
    void anEventIsSentAgainOnRequestWithTheSameWebhookId() throws Exception {
        TestTenants.Tenant tenant = TestTenants.create();
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            String secret = Endpoints.create(tenant, receiver.url("/events"), List.of("call.logged"));
            tenant.asApp()
                    .body(Map.of("notes", "again"))
                    .post("/v1/calls")
                    .then()
                    .statusCode(201);
            Delivery first = receiver.await(1, any -> true, WAIT).get(0);
            awaitDeliveryState(tenant, first.id(), "succeeded");

            tenant.asApp()
                    .post("/v1/events/" + first.id() + "/redeliver")
                    .then()
                    .statusCode(202)
                    .body("[0].state", org.hamcrest.Matchers.equalTo("pending"));

            List<Delivery> both = receiver.await(2, any -> true, WAIT);
            assertThat(both).hasSize(2);
            assertThat(both.get(1).id()).isEqualTo(first.id());
            new com.standardwebhooks.Webhook(secret)
                    .verify(both.get(1).body(), both.get(1).headers());
        }
    }

    @Test
    void aRedeliveryWithNoSubscribedEndpointIsA409AndAnotherTenantsEventA404() throws Exception {
        TestTenants.Tenant tenant = TestTenants.create();
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            Endpoints.create(tenant, receiver.url("/events"), List.of("call.logged"));
            tenant.asApp().body(Map.of("notes", "x")).post("/v1/calls").then().statusCode(201);
            String eventId = receiver.await(1, any -> true, WAIT).get(0).id();
            String endpointId = Endpoints.idOf(tenant, receiver.url("/events"));
            tenant.asApp()
                    .contentType("application/merge-patch+json")
                    .body(Map.of("enabled", false))
                    .patch("/v1/webhook-endpoints/" + endpointId)
                    .then()
                    .statusCode(200);
            tenant.asApp().post("/v1/events/" + eventId + "/redeliver").then().statusCode(409);
            TestTenants.create()
                    .asApp()
                    .post("/v1/events/" + eventId + "/redeliver")
                    .then()
                    .statusCode(404);
        }
    }

    static JsonPath awaitDeliveryState(TestTenants.Tenant tenant, String eventId, String state)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            JsonPath deliveries = deliveries(tenant, eventId);
            if (state.equals(deliveries.getString("data[0].state")) || System.nanoTime() > deadline) {
                assertThat(deliveries.getString("data[0].state")).isEqualTo(state);
                return deliveries;
            }
            Thread.sleep(50);
        }
    }

    static JsonPath awaitAttempts(TestTenants.Tenant tenant, String eventId, int attempts) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            JsonPath deliveries = deliveries(tenant, eventId);
            List<Object> made = deliveries.getList("data[0].attempts");
            if (made != null && made.size() >= attempts || System.nanoTime() > deadline) {
                assertThat(made).hasSizeGreaterThanOrEqualTo(attempts);
                return deliveries;
            }
            Thread.sleep(50);
        }
    }

    private static JsonPath deliveries(TestTenants.Tenant tenant, String eventId) {
        return tenant.asApp()
                .get("/v1/events/" + eventId + "/deliveries")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }
}
