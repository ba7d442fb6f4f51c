package io.switchboard.twilio;

import static io.restassured.RestAssured.given;
import static io.switchboard.testing.TestTenants.asOperator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testing.Database;
import io.switchboard.testing.FakeTwilio;
import io.switchboard.testing.Fixtures;
import io.switchboard.testing.TestTenants;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/** Calls and SMS reach Twilio (a local fake here) exactly as Twilio's API expects, billed to the tenant. */
@QuarkusTest
@WithTestResource(value = FakeTwilio.class, scope = TestResourceScope.GLOBAL)
class TwilioOutboundTest {

    /** SWITCHBOARD_PUBLIC_BASE_URL of the test profile. */
    private static final String PUBLIC_BASE = "http://localhost:8081";
    /** Twilio's connection overrides: every callback URL asks Twilio to retry. */
    private static final String RETRIES = "#rc=5&rp=ct,rt,5xx&ct=3000&rt=6000&tt=15000";

    @Test
    void dialingPostsToTheTenantsAccountAndStoresTheCallWithItsSid() throws Exception {
        TestTenants.Tenant tenant = TestTenants.create();
        String sid = tenant.asApp()
                .body(Map.of("to", "+14155550177"))
                .post("/v1/calls/dial")
                .then()
                .statusCode(201)
                .body("sid", startsWith("CA"))
                .body("status", equalTo("queued"))
                .body("direction", equalTo("outbound-api"))
                .body("to", equalTo("+14155550177"))
                .body("from", equalTo("+14155550100"))
                .extract()
                .path("sid");

        List<FakeTwilio.Received> received = FakeTwilio.receivedFor(tenant.accountSid());
        assertThat(received).hasSize(1);
        FakeTwilio.Received call = received.get(0);
        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.path()).isEqualTo("/2010-04-01/Accounts/" + tenant.accountSid() + "/Calls.json");
        assertThat(call.basicUser()).isEqualTo(tenant.accountSid());
        assertThat(call.basicPassword()).isEqualTo(tenant.authToken());
        assertThat(call.form())
                .containsEntry("To", "+14155550177")
                .containsEntry("From", "+14155550100")
                .containsEntry("Url", PUBLIC_BASE + "/webhooks/twilio/voice" + RETRIES)
                .containsEntry("StatusCallback", PUBLIC_BASE + "/webhooks/twilio/call-status" + RETRIES);
        tenant.asApp().get("/v1/calls/" + sid).then().statusCode(200).body("callType", equalTo("outbound"));
    }

    @Test
    void anApiKeyPairIsUsedWhenTheTenantHasOneAndCallbacksUseItsDomain() {
        String accountSid = Fixtures.sid("AC");
        String apiKeySid = Fixtures.sid("SK");
        String domain = TestTenants.randomDomain();
        String apiKey = asOperator()
                .body(Map.of(
                        "name",
                        "Keyed",
                        "customDomain",
                        domain,
                        "twilio",
                        Map.of(
                                "accountSid",
                                accountSid,
                                "authToken",
                                "token-x",
                                "apiKeySid",
                                apiKeySid,
                                "apiKeySecret",
                                "key-secret-x",
                                "phoneNumber",
                                "+14155550123")))
                .post("/admin/v1/tenants")
                .then()
                .statusCode(201)
                .extract()
                .path("apiKey");
        given().auth()
                .oauth2(apiKey)
                .contentType("application/json")
                .body(Map.of("to", "+14155550188", "body", "Your table is ready", "from", "+14155550999"))
                .post("/v1/messages")
                .then()
                .statusCode(201)
                .body("sid", startsWith("SM"))
                .body("body", equalTo("Your table is ready"))
                .body("direction", equalTo("outbound-api"))
                .body("status", equalTo("queued"));

        FakeTwilio.Received message = FakeTwilio.receivedFor(accountSid).get(0);
        assertThat(message.path()).isEqualTo("/2010-04-01/Accounts/" + accountSid + "/Messages.json");
        assertThat(message.basicUser()).isEqualTo(apiKeySid);
        assertThat(message.basicPassword()).isEqualTo("key-secret-x");
        assertThat(message.form())
                .containsEntry("To", "+14155550188")
                .containsEntry("From", "+14155550999")
                .containsEntry("Body", "Your table is ready")
                .containsEntry("StatusCallback", "https://" + domain + "/webhooks/twilio/message-status" + RETRIES);
    }

    @Test
    void aTwilioErrorIsA502CarryingTwiliosCodeAndNothingIsStored() throws Exception {
        TestTenants.Tenant tenant = TestTenants.create();
        FakeTwilio.behave(tenant.accountSid(), FakeTwilio.Behaviour.REFUSE_INVALID_NUMBER);
        tenant.asApp()
                .body(Map.of("to", "+14155550177"))
                .post("/v1/calls/dial")
                .then()
                .statusCode(502)
                .contentType("application/problem+json")
                .body("twilioCode", equalTo(21211))
                .body("detail", Matchers.containsString("not a valid phone number"));
        try (Connection db = Database.asSuperuser()) {
            assertThat(Database.column(db, "SELECT count(*) FROM calls WHERE tenant_id = ?", tenant.id()))
                    .containsExactly(0L);
        }
    }

    @Test
    void aTwilioThatDoesNotAnswerInTimeIsA504() {
        TestTenants.Tenant tenant = TestTenants.create();
        FakeTwilio.behave(tenant.accountSid(), FakeTwilio.Behaviour.TOO_SLOW);
        tenant.asApp()
                .body(Map.of("to", "+14155550177", "body", "hello"))
                .post("/v1/messages")
                .then()
                .statusCode(504)
                .contentType("application/problem+json");
    }

    @Test
    void paidActionsAreCappedPerMinute() {
        TestTenants.Tenant tenant = TestTenants.create();
        tenant.asApp()
                .body(Map.of("autoRecordCalls", false, "paidActionsPerMinute", 2))
                .put("/v1/settings")
                .then()
                .statusCode(200);
        tenant.asApp()
                .body(Map.of("to", "+14155550177"))
                .post("/v1/calls/dial")
                .then()
                .statusCode(201);
        tenant.asApp()
                .body(Map.of("to", "+14155550177", "body", "hi"))
                .post("/v1/messages")
                .then()
                .statusCode(201);
        tenant.asApp()
                .body(Map.of("to", "+14155550177"))
                .post("/v1/calls/dial")
                .then()
                .statusCode(429)
                .header("Retry-After", notNullValue())
                .contentType("application/problem+json");
        assertThat(FakeTwilio.receivedFor(tenant.accountSid())).hasSize(2);
        // Another tenant's cap is its own.
        TestTenants.create()
                .asApp()
                .body(Map.of("to", "+14155550177"))
                .post("/v1/calls/dial")
                .then()
                .statusCode(201);
    }

    @Test
    void callbacksIgnoreTheRequestsHostAndForwardedHeaders() {
        TestTenants.Tenant tenant = TestTenants.create();
        tenant.asApp()
                .header("Host", "attacker.example")
                .header("X-Forwarded-Host", "attacker.example")
                .header("X-Forwarded-Proto", "https")
                .body(Map.of("to", "+14155550177"))
                .post("/v1/calls/dial")
                .then()
                .statusCode(201);
        tenant.asApp()
                .header("Host", "attacker.example")
                .body(Map.of("to", "+14155550177", "body", "hi"))
                .post("/v1/messages")
                .then()
                .statusCode(201);

        List<FakeTwilio.Received> received = FakeTwilio.receivedFor(tenant.accountSid());
        assertThat(received.get(0).form())
                .containsEntry("Url", PUBLIC_BASE + "/webhooks/twilio/voice" + RETRIES)
                .containsEntry("StatusCallback", PUBLIC_BASE + "/webhooks/twilio/call-status" + RETRIES);
        assertThat(received.get(1).form())
                .containsEntry("StatusCallback", PUBLIC_BASE + "/webhooks/twilio/message-status" + RETRIES);
        assertThat(received)
                .allSatisfy(request -> assertThat(request.form().toString()).doesNotContain("attacker"));
    }

    @Test
    void aCallTwilioAcceptedIsStoredByItsSidEvenWhenTheAnswerCannotBeMapped() throws Exception {
        for (FakeTwilio.Behaviour odd : List.of(
                FakeTwilio.Behaviour.ACCEPT_WITH_BAD_PRICE_UNIT, FakeTwilio.Behaviour.ACCEPT_WITH_STRING_FOR_OBJECT)) {
            TestTenants.Tenant tenant = TestTenants.create();
            FakeTwilio.behave(tenant.accountSid(), odd);
            String sid = tenant.asApp()
                    .body(Map.of("to", "+14155550177"))
                    .post("/v1/calls/dial")
                    .then()
                    .statusCode(201)
                    .body("sid", startsWith("CA"))
                    .extract()
                    .path("sid");
            tenant.asApp()
                    .body(Map.of("to", "+14155550177", "body", "hi"))
                    .post("/v1/messages")
                    .then()
                    .statusCode(201)
                    .body("sid", startsWith("SM"));
            try (Connection db = Database.asSuperuser()) {
                assertThat(Database.column(
                                db, "SELECT count(*) FROM calls WHERE tenant_id = ? AND sid = ?", tenant.id(), sid))
                        .as(odd.name())
                        .containsExactly(1L);
                assertThat(Database.column(db, "SELECT count(*) FROM messages WHERE tenant_id = ?", tenant.id()))
                        .as(odd.name())
                        .containsExactly(1L);
            }
        }
    }

    @Test
    void anAcceptedAnswerWithoutSidIsA502ThatWarnsAgainstRetrying() {
        TestTenants.Tenant tenant = TestTenants.create();
        FakeTwilio.behave(tenant.accountSid(), FakeTwilio.Behaviour.ACCEPT_WITHOUT_SID);
        tenant.asApp()
                .body(Map.of("to", "+14155550177", "body", "hi"))
                .post("/v1/messages")
                .then()
                .statusCode(502)
                .contentType("application/problem+json")
                .body("detail", Matchers.containsString("Do not retry"));
        tenant.asApp()
                .body(Map.of("to", "+14155550177"))
                .post("/v1/calls/dial")
                .then()
                .statusCode(502);
    }

    @Test
    void aRateLimitedRequestIsSentOnceAndAnsweredAsTwiliosRefusal() {
        TestTenants.Tenant tenant = TestTenants.create();
        FakeTwilio.behave(tenant.accountSid(), FakeTwilio.Behaviour.RATE_LIMITED);
        tenant.asApp()
                .body(Map.of("to", "+14155550177"))
                .post("/v1/calls/dial")
                .then()
                .statusCode(502)
                .body("twilioCode", equalTo(20429));
        // httpclient5 would re-send the POST after a 429 on its own: a second billed call.
        assertThat(FakeTwilio.receivedFor(tenant.accountSid())).hasSize(1);
    }

    @Test
    void aLostAnswerIsA502NotATimeout() {
        TestTenants.Tenant tenant = TestTenants.create();
        FakeTwilio.behave(tenant.accountSid(), FakeTwilio.Behaviour.HANG_UP);
        tenant.asApp()
                .body(Map.of("to", "+14155550177"))
                .post("/v1/calls/dial")
                .then()
                .statusCode(502)
                .contentType("application/problem+json");
        assertThat(FakeTwilio.receivedFor(tenant.accountSid())).hasSize(1);
    }

    @Test
    void badOutboundRequestsAreRefusedBeforeTwilio() {
        TestTenants.Tenant tenant = TestTenants.create();
        tenant.asApp()
                .body(Map.of("to", "12345"))
                .post("/v1/calls/dial")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("to"));
        tenant.asApp()
                .body(Map.of("to", "+14155550177", "body", "x".repeat(1601)))
                .post("/v1/messages")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("body"));
        tenant.asApp().body("{}").post("/v1/messages").then().statusCode(400);
        assertThat(FakeTwilio.receivedFor(tenant.accountSid())).isEmpty();
    }
}
