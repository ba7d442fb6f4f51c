package io.switchboard.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.reconciliation.Reconciler;
import io.switchboard.testing.FakeTwilio;
import io.switchboard.testing.FakeTwilioAccounts;
import io.switchboard.testing.SignedWebhook;
import io.switchboard.testing.TestTenants;
import io.switchboard.testing.WebhookReceiver;
import io.switchboard.testing.WebhookReceiver.Delivery;
import io.switchboard.webhook.simulator.WebhookSimulator;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Events reach a tenant app's endpoint signed so that the Standard Webhooks library verifies
 * them, for a call played through signed Twilio webhooks, for a call logged by a person, and with
 * both secrets while a rotation is under way.
 */
@QuarkusTest
@WithTestResource(value = FakeTwilio.class, scope = TestResourceScope.GLOBAL)
class EventDeliveryTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Reconciler reconciler;

    @Test
    void aCallPlayedThroughTwilioWebhooksArrivesAsVerifiableEventsInItsOrder() throws Exception {
        TestTenants.Tenant tenant = TestTenants.create();
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            String secret = Endpoints.create(
                    tenant,
                    receiver.url("/events"),
                    List.of("call.created", "call.status_changed", "call.completed", "recording.completed"));
            String callSid = WebhookSimulator.sid("CA");
            new WebhookSimulator(SignedWebhook.localBase(), null, tenant.accountSid(), tenant.authToken())
                    .playCall(callSid, "+14155550111", "+18005550100");

            List<Delivery> deliveries = receiver.await(5, any -> true, WAIT);

            assertThat(deliveries).hasSize(5);
            Webhook verifier = new Webhook(secret);
            for (Delivery delivery : deliveries) {
                assertThatCode(() -> verifier.verify(delivery.body(), delivery.headers()))
                        .as("verified by the Standard Webhooks library: %s", delivery.body())
                        .doesNotThrowAnyException();
            }
            assertThat(deliveries.stream().map(d -> type(d)).sorted().toList())
                    .containsExactly(
                            "call.completed",
                            "call.created",
                            "call.status_changed",
                            "call.status_changed",
                            "recording.completed");
            JsonNode completed = body(deliveries.stream()
                    .filter(d -> type(d).equals("call.completed"))
                    .findFirst()
                    .orElseThrow());
            assertThat(completed.at("/data/sid").asText()).isEqualTo(callSid);
            assertThat(completed.at("/data/status").asText()).isEqualTo("completed");
            assertThat(completed.at("/data/duration").asInt()).isEqualTo(42);
            assertThat(completed.get("timestamp").asText()).endsWith("Z");
            // The event log shows the same events under the ids the receiver saw as webhook-id.
            List<String> logged = tenant.asApp()
                    .get("/v1/events")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("data.id");
            assertThat(logged)
                    .containsExactlyInAnyOrderElementsOf(
                            deliveries.stream().map(Delivery::id).toList());
        }
    }

    @Test
    void aSignatureWithAnotherSecretOrAnAlteredBodyIsRefusedByTheLibrary() throws Exception {
        TestTenants.Tenant tenant = TestTenants.create();
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            Endpoints.create(tenant, receiver.url("/events"), List.of("call.logged"));
            tenant.asApp()
                    .body(Map.of("notes", "first"))
                    .post("/v1/calls")
                    .then()
                    .statusCode(201);
            Delivery delivery = receiver.await(1, any -> true, WAIT).get(0);

            Webhook stranger =
                    new Webhook("whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]));
            assertThatThrownBy(() -> stranger.verify(delivery.body(), delivery.headers()))
                    .isInstanceOf(WebhookVerificationException.class);
        }
    }

    @Test
    void aCallLoggedOrAnnotatedByAPersonIsACallLoggedEvent() throws Exception {
        TestTenants.Tenant tenant = TestTenants.create();
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            String secret = Endpoints.create(tenant, receiver.url("/events"), List.of("call.logged"));
            String id = tenant.asApp()
                    .body(Map.of("notes", "Asked about pricing"))
                    .post("/v1/calls")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
            tenant.asApp()
                    .contentType("application/merge-patch+json")
                    .body(Map.of("outcome", "tbd"))
                    .patch("/v1/calls/" + id)
                    .then()
                    .statusCode(200);

            List<Delivery> deliveries = receiver.await(2, any -> true, WAIT);

            assertThat(deliveries).hasSize(2).allSatisfy(d -> {
                new Webhook(secret).verify(d.body(), d.headers());
                assertThat(type(d)).isEqualTo("call.logged");
                assertThat(body(d).at("/data/id").asText()).isEqualTo(id);
            });
            assertThat(deliveries.stream()
                            .map(d -> body(d).at("/data/outcome").asText())
                            .toList())
                    .containsExactlyInAnyOrder("null", "tbd");
        }
    }

    @Test
    void duringARotationEveryDeliveryIsSignedWithBothSecrets() throws Exception {
        TestTenants.Tenant tenant = TestTenants.create();
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            String old = Endpoints.create(tenant, receiver.url("/events"), List.of("call.logged"));
            String endpointId = Endpoints.idOf(tenant, receiver.url("/events"));
            String rotated = tenant.asApp()
                    .post("/v1/webhook-endpoints/" + endpointId + "/rotate-secret")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("secret");
            assertThat(rotated).startsWith("whsec_").isNotEqualTo(old);
            tenant.asApp()
                    .body(Map.of("notes", "after rotation"))
                    .post("/v1/calls")
                    .then()
                    .statusCode(201);

            Delivery delivery = receiver.await(1, any -> true, WAIT).get(0);

            assertThat(delivery.headers()
                            .firstValue("webhook-signature")
                            .orElseThrow()
                            .split(" "))
                    .hasSize(2)
                    .allMatch(signature -> signature.startsWith("v1,"));
            assertThatCode(() -> new Webhook(old).verify(delivery.body(), delivery.headers()))
                    .as("a receiver still holding the old secret")
                    .doesNotThrowAnyException();
            assertThatCode(() -> new Webhook(rotated).verify(delivery.body(), delivery.headers()))
                    .as("a receiver already holding the new secret")
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void aCallRecoveredByReconciliationIsAnnouncedAsAWebhookWouldHaveIt() throws Exception {
        TestTenants.Tenant tenant = TestTenants.create();
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            String secret =
                    Endpoints.create(tenant, receiver.url("/events"), List.of("call.created", "call.completed"));
            String callSid = WebhookSimulator.sid("CA");
            java.time.Instant started = java.time.Instant.now().minusSeconds(120);
            FakeTwilioAccounts.call(
                    tenant.accountSid(),
                    new FakeTwilioAccounts.Call(
                            callSid,
                            "+14155550111",
                            "+18005550100",
                            "inbound",
                            "completed",
                            30,
                            started,
                            started.plusSeconds(30)));

            reconciler.reconcile(tenant.id());

            List<Delivery> deliveries = receiver.await(2, any -> true, WAIT);
            assertThat(deliveries.stream().map(EventDeliveryTest::type).sorted().toList())
                    .containsExactly("call.completed", "call.created");
            for (Delivery delivery : deliveries) {
                new Webhook(secret).verify(delivery.body(), delivery.headers());
                assertThat(body(delivery).at("/data/sid").asText()).isEqualTo(callSid);
            }
        }
    }

    @Test
    void oneEndpointThatHangsDoesNotHoldUpAnotherTenantsEvents() throws Exception {
        TestTenants.Tenant slow = TestTenants.create();
        TestTenants.Tenant quick = TestTenants.create();
        try (WebhookReceiver hanging = WebhookReceiver.start(WebhookReceiver.Answer.hang(Duration.ofSeconds(20)));
                WebhookReceiver receiver = WebhookReceiver.start()) {
            Endpoints.create(slow, hanging.url("/slow"), List.of("call.logged"));
            Endpoints.create(quick, receiver.url("/quick"), List.of("call.logged"));
            for (int i = 0; i < 5; i++) {
                slow.asApp()
                        .body(Map.of("notes", "slow " + i))
                        .post("/v1/calls")
                        .then()
                        .statusCode(201);
            }
            hanging.await(1, any -> true, WAIT);

            quick.asApp()
                    .body(Map.of("notes", "quick"))
                    .post("/v1/calls")
                    .then()
                    .statusCode(201);

            assertThat(receiver.await(1, any -> true, WAIT)).hasSize(1);
            assertThat(hanging.received())
                    .as("the hanging endpoint has one attempt at a time, still its first")
                    .hasSize(1);
        }
    }

    static String type(Delivery delivery) {
        return body(delivery).get("type").asText();
    }

    static JsonNode body(Delivery delivery) {
        try {
            return JSON.readTree(delivery.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
