package io.switchboard.webhook;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testing.Database;
import io.switchboard.testing.SignedWebhook;
import io.switchboard.testing.TestTenants;
import io.switchboard.webhook.simulator.WebhookSimulator;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Forged, misdirected, malformed and oversized webhooks are refused and write nothing. */
@QuarkusTest
class WebhookSecurityTest {

    private TestTenants.Tenant tenant;
    private WebhookSimulator twilio;

    @BeforeEach
    void newTenant() {
        tenant = TestTenants.create(TestTenants.randomDomain());
        twilio = new WebhookSimulator(SignedWebhook.localBase(), null, tenant.accountSid(), tenant.authToken());
    }

    @Test
    void aWrongOrMissingSignatureIsForbidden() throws Exception {
        String callSid = WebhookSimulator.sid("CA");
        Map<String, String> voice = twilio.voice(callSid, "+14155550111", "+18005550100");
        SignedWebhook.post("/webhooks/twilio/voice", voice, "not-the-auth-token")
                .then()
                .statusCode(403);
        given().contentType("application/x-www-form-urlencoded")
                .body(WebhookSimulator.formEncode(voice))
                .post("/webhooks/twilio/voice")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        Map<String, String> tampered = new LinkedHashMap<>(voice);
        String signature = WebhookSimulator.signature(
                SignedWebhook.localBase() + "/webhooks/twilio/voice", voice, tenant.authToken());
        tampered.put("From", "+19995550000");
        given().contentType("application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", signature)
                .body(WebhookSimulator.formEncode(tampered))
                .post("/webhooks/twilio/voice")
                .then()
                .statusCode(403);
        assertNoRows("calls", callSid);
    }

    @Test
    void anotherTenantsSignatureOrAccountIsForbidden() throws Exception {
        TestTenants.Tenant other = TestTenants.create();
        String callSid = WebhookSimulator.sid("CA");
        // Signed by the other tenant, claiming this tenant's account.
        SignedWebhook.post("/webhooks/twilio/voice", twilio.voice(callSid, "+1", "+2"), other.authToken())
                .then()
                .statusCode(403);
        // On this tenant's domain, with the other tenant's account and signature.
        WebhookSimulator otherTwilio =
                new WebhookSimulator(SignedWebhook.localBase(), null, other.accountSid(), other.authToken());
        String domainBase = "http://" + tenant.customDomain();
        SignedWebhook.post(
                        domainBase,
                        "/webhooks/twilio/voice",
                        otherTwilio.voice(callSid, "+1", "+2"),
                        other.authToken(),
                        given().header("Host", tenant.customDomain()))
                .then()
                .statusCode(403);
        // An account nobody has.
        WebhookSimulator stranger =
                new WebhookSimulator(SignedWebhook.localBase(), null, WebhookSimulator.sid("AC"), "token");
        SignedWebhook.post("/webhooks/twilio/voice", stranger.voice(callSid, "+1", "+2"), "token")
                .then()
                .statusCode(403);
        assertNoRows("calls", callSid);
    }

    @Test
    void aCallbackSignedOverItsUrlWithTheRetryFragmentIsAcceptedAndAnyOtherFragmentIsNot() throws Exception {
        String callSid = WebhookSimulator.sid("CA");
        SignedWebhook.postSignedWithFragment(
                        "/webhooks/twilio/call-status",
                        "#rc=1&rp=all",
                        twilio.callStatus(callSid, "completed", 3, 20),
                        tenant.authToken())
                .then()
                .statusCode(403);
        assertNoRows("calls", callSid);
        SignedWebhook.postSignedWithFragment(
                        "/webhooks/twilio/call-status",
                        "#rc=5&rp=ct,rt,5xx&ct=3000&rt=6000&tt=15000",
                        twilio.callStatus(callSid, "completed", 3, 20),
                        tenant.authToken())
                .then()
                .statusCode(204);
    }

    @Test
    void anInactiveTenantsWebhooksAreForbidden() throws Exception {
        TestTenants.asOperator()
                .body(Map.of("status", "inactive"))
                .patch("/admin/v1/tenants/" + tenant.id())
                .then()
                .statusCode(200);
        String messageSid = WebhookSimulator.sid("SM");
        SignedWebhook.post("/webhooks/twilio/sms", twilio.inboundSms(messageSid, "+1", "+2", "hi"), tenant.authToken())
                .then()
                .statusCode(403);
        assertNoRows("messages", messageSid);
    }

    @Test
    void aRotatedAuthTokenIsHonouredAtOnceAndTheOldOneRefused() throws Exception {
        SignedWebhook.post(
                        "/webhooks/twilio/voice",
                        twilio.voice(WebhookSimulator.sid("CA"), "+1", "+2"),
                        tenant.authToken())
                .then()
                .statusCode(200);
        String rotated = "rotated-" + UUID.randomUUID();
        TestTenants.asOperator()
                .body(Map.of("twilio", Map.of("authToken", rotated)))
                .patch("/admin/v1/tenants/" + tenant.id())
                .then()
                .statusCode(200);
        SignedWebhook.post("/webhooks/twilio/voice", twilio.voice(WebhookSimulator.sid("CA"), "+1", "+2"), rotated)
                .then()
                .statusCode(200);
        String callSid = WebhookSimulator.sid("CA");
        SignedWebhook.post("/webhooks/twilio/voice", twilio.voice(callSid, "+1", "+2"), tenant.authToken())
                .then()
                .statusCode(403);
        assertNoRows("calls", callSid);
    }

    @Test
    void behindATlsProxyTheSignatureCoversThePublicUrlWithItsRawQuery() throws Exception {
        String path = "/webhooks/twilio/voice?campaign=spring%3A2026&who=O%27Brien";
        for (String forwardedHost : new String[] {tenant.customDomain(), tenant.customDomain() + ":443"}) {
            String callSid = WebhookSimulator.sid("CA");
            SignedWebhook.post(
                            "https://" + tenant.customDomain(),
                            path,
                            twilio.voice(callSid, "+14155550111", "+1800"),
                            tenant.authToken(),
                            given().header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", forwardedHost))
                    .then()
                    .statusCode(200)
                    .body(containsString("recordingStatusCallback=\"https://" + tenant.customDomain()))
                    .body(containsString("/webhooks/twilio/recording-status#rc=5&amp;"));
            assertOneRow("calls", callSid);
        }
        // Signed for plain http while Twilio reached us over https: not the URL Twilio used.
        String callSid = WebhookSimulator.sid("CA");
        SignedWebhook.post(
                        "http://" + tenant.customDomain(),
                        path,
                        twilio.voice(callSid, "+1", "+2"),
                        tenant.authToken(),
                        given().header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", tenant.customDomain()))
                .then()
                .statusCode(403);
        assertNoRows("calls", callSid);
    }

    @Test
    void theRecordingCallbackIsOnThePublicBaseWhateverHostTheWebhookCameTo() throws Exception {
        TestTenants.Tenant plain = TestTenants.create();
        WebhookSimulator plainTwilio =
                new WebhookSimulator(SignedWebhook.localBase(), null, plain.accountSid(), plain.authToken());
        String callSid = WebhookSimulator.sid("CA");
        SignedWebhook.post(
                        "http://elsewhere.example:8081",
                        "/webhooks/twilio/voice",
                        plainTwilio.voice(callSid, "+14155550111", "+18005550100"),
                        plain.authToken(),
                        given().header("Host", "elsewhere.example:8081"))
                .then()
                .statusCode(200)
                .body(containsString(
                        "recordingStatusCallback=\"http://localhost:8081/webhooks/twilio/recording-status#rc=5&amp;"))
                .body(Matchers.not(containsString("elsewhere")));
    }

    @Test
    void theCustomDomainAloneFindsTheTenant() throws Exception {
        String callSid = WebhookSimulator.sid("CA");
        SignedWebhook.post(
                        "http://" + tenant.customDomain(),
                        "/webhooks/twilio/voice",
                        twilio.voice(callSid, "+1", "+2"),
                        tenant.authToken(),
                        given().header("Host", tenant.customDomain()))
                .then()
                .statusCode(200);
        assertOneRow("calls", callSid);
    }

    @Test
    void malformedAndOversizedBodiesAreRefusedWithoutWriting() throws Exception {
        String callSid = WebhookSimulator.sid("CA");
        // Bytes that are not a form cannot carry a valid signature: 403, like any unsigned request.
        given().contentType("application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", "x")
                .body("CallSid=" + callSid + "&From=%ZZ")
                .post("/webhooks/twilio/voice")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        Map<String, String> huge = twilio.voice(callSid, "+1", "+2");
        huge.put("Padding", "x".repeat(70 * 1024));
        SignedWebhook.post("/webhooks/twilio/voice", huge, tenant.authToken())
                .then()
                .statusCode(413);
        Map<String, String> badSid = twilio.voice("CA-not-a-sid", "+1", "+2");
        SignedWebhook.post("/webhooks/twilio/voice", badSid, tenant.authToken())
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        Map<String, String> badStatus = twilio.callStatus(callSid, "exploded", 1, 0);
        SignedWebhook.post("/webhooks/twilio/call-status", badStatus, tenant.authToken())
                .then()
                .statusCode(400);
        Map<String, String> badDuration = twilio.callStatus(callSid, "completed", 1, 0);
        badDuration.put("CallDuration", "-5");
        SignedWebhook.post("/webhooks/twilio/call-status", badDuration, tenant.authToken())
                .then()
                .statusCode(400);
        Map<String, String> sqlish = twilio.inboundSms("SM'; DROP TABLE messages; --", "+1", "+2", "x");
        SignedWebhook.post("/webhooks/twilio/sms", sqlish, tenant.authToken())
                .then()
                .statusCode(400);
        assertNoRows("calls", callSid);
    }

    private static void assertNoRows(String table, String sid) throws Exception {
        try (Connection db = Database.asSuperuser()) {
            assertThat(Database.column(db, "SELECT count(*) FROM " + table + " WHERE sid = ?", sid))
                    .containsExactly(0L);
        }
    }

    private static void assertOneRow(String table, String sid) throws Exception {
        try (Connection db = Database.asSuperuser()) {
            assertThat(Database.column(db, "SELECT count(*) FROM " + table + " WHERE sid = ?", sid))
                    .containsExactly(1L);
        }
    }
}
