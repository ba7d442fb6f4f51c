package io.switchboard.idempotency;

import static io.switchboard.idempotency.IdempotencyTest.REPLAYED;
import static io.switchboard.idempotency.IdempotencyTest.keyed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testing.FakeTwilio;
import io.switchboard.testing.SignedWebhook;
import io.switchboard.testing.TestTenants;
import io.switchboard.webhook.simulator.WebhookSimulator;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A keyed call or SMS whose outcome at Twilio is not known (Twilio's answer came too late, or the
 * instance died between Twilio's answer and its commit) is never sent again: a retry gets 409
 * until Twilio's status callback, which carries the key's claim, says what was created; then the
 * retry gets that call or message as the first answer.
 */
@QuarkusTest
@WithTestResource(value = FakeTwilio.class, scope = TestResourceScope.GLOBAL)
class TwilioOutcomeTest {

    @Test
    void aDialWhoseAnswerCameTooLateIsSettledByTwiliosCallbackAndNeverPlacedTwice() throws Exception {
        TestTenants.Tenant tenant = TestTenants.create();
        FakeTwilio.behave(tenant.accountSid(), FakeTwilio.Behaviour.TOO_SLOW);
        String key = UUID.randomUUID().toString();
        String body = "{\"to\":\"+14155550177\"}";
        keyed(tenant.asApp(), key).body(body).post("/v1/calls/dial").then().statusCode(504);
        FakeTwilio.behave(tenant.accountSid(), FakeTwilio.Behaviour.ACCEPT);

        keyed(tenant.asApp(), key)
                .body(body)
                .post("/v1/calls/dial")
                .then()
                .statusCode(409)
                .body("detail", containsString("Twilio has not yet reported"));

        // Twilio did place it, and says so on the status callback Switchboard gave it.
        String statusCallback =
                FakeTwilio.receivedFor(tenant.accountSid()).get(0).form().get("StatusCallback");
        String callSid = WebhookSimulator.sid("CA");
        SignedWebhook.post(
                        pathAndQuery(statusCallback),
                        Map.of(
                                "AccountSid", tenant.accountSid(),
                                "CallSid", callSid,
                                "CallStatus", "initiated",
                                "Direction", "outbound-api",
                                "From", "+14155550100",
                                "To", "+14155550177"),
                        tenant.authToken())
                .then()
                .statusCode(204);

        String settled = keyed(tenant.asApp(), key)
                .body(body)
                .post("/v1/calls/dial")
                .then()
                .statusCode(201)
                .header(REPLAYED, "true")
                .body("sid", equalTo(callSid))
                .body("callType", equalTo("outbound"))
                .extract()
                .asString();
        keyed(tenant.asApp(), key)
                .body(body)
                .post("/v1/calls/dial")
                .then()
                .statusCode(201)
                .body(equalTo(settled));
        assertThat(FakeTwilio.receivedFor(tenant.accountSid())).hasSize(1);
        assertThat(Keys.count("calls", tenant.id())).isEqualTo(1);
    }

    @Test
    void anSmsWhoseInstanceDiedAfterTwilioAnsweredIsSettledByTheCallbackNotSentAgain() throws Exception {
        TestTenants.Tenant tenant = TestTenants.create();
        String key = UUID.randomUUID().toString();
        String body = "{\"to\":\"+14155550177\",\"body\":\"See you at 10\"}";
        // What an instance leaves when it dies after telling Twilio to send and before committing.
        UUID claim = Keys.insert(tenant.id(), key, "POST", "/v1/messages", body, "remote", "now()", null);

        keyed(tenant.asApp(), key).body(body).post("/v1/messages").then().statusCode(409);

        String messageSid = WebhookSimulator.sid("SM");
        SignedWebhook.post(
                        "/webhooks/twilio/message-status?claim=" + claim,
                        Map.of(
                                "AccountSid", tenant.accountSid(),
                                "MessageSid", messageSid,
                                "MessageStatus", "sent",
                                "From", "+14155550100",
                                "To", "+14155550177"),
                        tenant.authToken())
                .then()
                .statusCode(204);

        keyed(tenant.asApp(), key)
                .body(body)
                .post("/v1/messages")
                .then()
                .statusCode(201)
                .header(REPLAYED, "true")
                .body("sid", equalTo(messageSid))
                .body("status", equalTo("sent"))
                .body("body", equalTo("See you at 10"));
        assertThat(FakeTwilio.receivedFor(tenant.accountSid())).isEmpty();
        assertThat(Keys.count("messages", tenant.id())).isEqualTo(1);
    }

    @Test
    void whileTheHolderMayStillBeWaitingForTwilioARetryIsToldToWait() throws Exception {
        TestTenants.Tenant tenant = TestTenants.create();
        String key = UUID.randomUUID().toString();
        String body = "{\"to\":\"+14155550177\"}";
        UUID claim = Keys.insert(
                tenant.id(), key, "POST", "/v1/calls/dial", body, "remote", "now() + interval '1 hour'", null);
        // Even when Twilio's report arrives first: the holder records it, not a retry.
        SignedWebhook.post(
                        "/webhooks/twilio/call-status?claim=" + claim,
                        Map.of(
                                "AccountSid", tenant.accountSid(),
                                "CallSid", WebhookSimulator.sid("CA"),
                                "CallStatus", "ringing"),
                        tenant.authToken())
                .then()
                .statusCode(204);

        keyed(tenant.asApp(), key)
                .body(body)
                .post("/v1/calls/dial")
                .then()
                .statusCode(409)
                .body("detail", containsString("still being processed"));
        assertThat(FakeTwilio.receivedFor(tenant.accountSid())).isEmpty();
    }

    @Test
    void aCallbackWithAMalformedClaimIsRefusedAndAnotherTenantsClaimIsIgnored() throws Exception {
        TestTenants.Tenant a = TestTenants.create();
        TestTenants.Tenant b = TestTenants.create();
        String key = UUID.randomUUID().toString();
        String body = "{\"to\":\"+14155550177\"}";
        UUID claimOfA = Keys.insert(a.id(), key, "POST", "/v1/calls/dial", body, "remote", "now()", null);
        Map<String, String> params =
                Map.of("AccountSid", b.accountSid(), "CallSid", WebhookSimulator.sid("CA"), "CallStatus", "initiated");
        SignedWebhook.post("/webhooks/twilio/call-status?claim=nope", params, b.authToken())
                .then()
                .statusCode(400);
        // B's signed callback cannot settle A's key: row-level security keeps A's claim out of reach.
        SignedWebhook.post("/webhooks/twilio/call-status?claim=" + claimOfA, params, b.authToken())
                .then()
                .statusCode(204);
        keyed(a.asApp(), key).body(body).post("/v1/calls/dial").then().statusCode(409);
    }

    private static String pathAndQuery(String url) {
        URI uri = URI.create(url);
        return uri.getRawPath() + "?" + uri.getRawQuery();
    }
}
