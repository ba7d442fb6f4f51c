package io.switchboard.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testing.Database;
import io.switchboard.testing.SignedWebhook;
import io.switchboard.testing.TestTenants;
import io.switchboard.webhook.simulator.WebhookSimulator;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each webhook's happy path, its TwiML, and what it stores. */
@QuarkusTest
class TwilioWebhookTest {

    /** SWITCHBOARD_PUBLIC_BASE_URL of the test profile: callbacks go there, whatever port the test uses. */
    private static final String PUBLIC_BASE = "http://localhost:8081";
    /** Twilio's connection overrides asking for retries, as TwiML (XML-escaped) carries them. */
    private static final String RETRIES_IN_XML = "#rc=5&amp;rp=ct,rt,5xx&amp;ct=3000&amp;rt=6000&amp;tt=15000";

    private TestTenants.Tenant tenant;
    private WebhookSimulator twilio;

    @BeforeEach
    void newTenant() {
        tenant = TestTenants.create();
        twilio = new WebhookSimulator(SignedWebhook.localBase(), null, tenant.accountSid(), tenant.authToken());
    }

    @Test
    void anIncomingCallIsStoredAndTakesAVoicemailByDefault() throws Exception {
        String callSid = WebhookSimulator.sid("CA");
        SignedWebhook.post(
                        "/webhooks/twilio/voice",
                        twilio.voice(callSid, "+14155550111", "+18005550100"),
                        tenant.authToken())
                .then()
                .statusCode(200)
                .contentType(containsString("text/xml"))
                .body(containsString("<Record action=\"" + PUBLIC_BASE + "/webhooks/twilio/voice" + RETRIES_IN_XML))
                .body(containsString("recordingStatusCallback=\"" + PUBLIC_BASE + "/webhooks/twilio/recording-status"
                        + RETRIES_IN_XML + "\""))
                .body(not(containsString("<Dial")));
        assertThat(callRow(callSid)).containsExactly("ringing", "inbound", "+14155550111", "+18005550100");
    }

    @Test
    void theVoicemailsActionEndsTheCallInsteadOfRecordingAgain() throws Exception {
        String callSid = WebhookSimulator.sid("CA");
        Map<String, String> call = twilio.voice(callSid, "+14155550111", "+18005550100");
        SignedWebhook.post("/webhooks/twilio/voice", call, tenant.authToken())
                .then()
                .statusCode(200);
        // What Twilio sends to <Record>'s action once the caller has left the message and hung up.
        Map<String, String> recorded = new java.util.LinkedHashMap<>(call);
        recorded.put("CallStatus", "completed");
        recorded.put("RecordingSid", WebhookSimulator.sid("RE"));
        recorded.put(
                "RecordingUrl",
                "https://api.twilio.com/2010-04-01/Accounts/" + tenant.accountSid() + "/Recordings/"
                        + recorded.get("RecordingSid"));
        recorded.put("RecordingDuration", "12");
        recorded.put("Digits", "hangup");
        SignedWebhook.post("/webhooks/twilio/voice", recorded, tenant.authToken())
                .then()
                .statusCode(200)
                .body(containsString("<Hangup/>"))
                .body(not(containsString("<Record")));
        assertThat(callRow(callSid)).containsExactly("completed", "inbound", "+14155550111", "+18005550100");
    }

    @Test
    void aGreetingIsSpokenAndCallsAreForwardedAndRecordedWhenSetUp() throws Exception {
        tenant.asApp()
                .body(Map.of("autoRecordCalls", true, "forwardTo", "+14155550999"))
                .put("/v1/settings")
                .then()
                .statusCode(200);
        addGreeting("Thanks for calling <Acme> & friends");
        SignedWebhook.post(
                        "/webhooks/twilio/voice",
                        twilio.voice(WebhookSimulator.sid("CA"), "+14155550111", "+18005550100"),
                        tenant.authToken())
                .then()
                .statusCode(200)
                .body(containsString("<Say>Thanks for calling &lt;Acme&gt; &amp; friends</Say>"))
                .body(containsString("record=\"record-from-answer-dual\""))
                .body(containsString("recordingStatusCallback=\"" + PUBLIC_BASE + "/webhooks/twilio/recording-status"
                        + RETRIES_IN_XML + "\""))
                .body(containsString("<Number>+14155550999</Number>"));

        tenant.asApp()
                .body(Map.of("autoRecordCalls", false, "forwardTo", "+14155550999"))
                .put("/v1/settings")
                .then()
                .statusCode(200);
        SignedWebhook.post(
                        "/webhooks/twilio/voice",
                        twilio.voice(WebhookSimulator.sid("CA"), "+14155550111", "+18005550100"),
                        tenant.authToken())
                .then()
                .statusCode(200)
                .body(containsString("<Dial>"))
                .body(not(containsString("record=")));
    }

    @Test
    void aWholeCallEndsCompletedWithItsDurationAndRecording() throws Exception {
        String callSid = WebhookSimulator.sid("CA");
        twilio.playCall(callSid, "+14155550111", "+18005550100");
        assertThat(callRow(callSid).get(0)).isEqualTo("completed");
        try (Connection db = Database.asSuperuser()) {
            assertThat(Database.column(db, "SELECT duration_seconds FROM calls WHERE sid = ?", callSid))
                    .containsExactly(42);
            assertThat(Database.column(
                            db,
                            "SELECT count(*) FROM recordings r JOIN calls c ON c.id = r.call_id"
                                    + " WHERE c.sid = ? AND r.status = 'completed' AND r.duration_seconds = 42",
                            callSid))
                    .containsExactly(1L);
        }
    }

    @Test
    void anInboundSmsIsStoredOnceAndAnsweredWithAnEmptyResponse() throws Exception {
        String messageSid = WebhookSimulator.sid("SM");
        Map<String, String> sms = twilio.inboundSms(messageSid, "+14155550111", "+18005550100", "Hi there, 50% off?");
        for (int delivery = 0; delivery < 2; delivery++) {
            SignedWebhook.post("/webhooks/twilio/sms", sms, tenant.authToken())
                    .then()
                    .statusCode(200)
                    .contentType(containsString("text/xml"))
                    .body(equalTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>"));
        }
        try (Connection db = Database.asSuperuser()) {
            assertThat(Database.column(
                            db,
                            "SELECT body || '|' || direction || '|' || status FROM messages WHERE sid = ?",
                            messageSid))
                    .containsExactly("Hi there, 50% off?|inbound|received");
        }
    }

    @Test
    void messageStatusOnlyMovesForward() throws Exception {
        String messageSid = WebhookSimulator.sid("SM");
        for (String status : List.of("sent", "delivered", "sent", "queued")) {
            SignedWebhook.post(
                            "/webhooks/twilio/message-status",
                            twilio.messageStatus(messageSid, status),
                            tenant.authToken())
                    .then()
                    .statusCode(204);
        }
        try (Connection db = Database.asSuperuser()) {
            assertThat(Database.column(db, "SELECT status FROM messages WHERE sid = ?", messageSid))
                    .containsExactly("delivered");
        }
    }

    private List<Object> callRow(String callSid) throws Exception {
        try (Connection db = Database.asSuperuser()) {
            List<Object> rows = Database.column(db, "SELECT status FROM calls WHERE sid = ?", callSid);
            assertThat(rows).as("one row for %s", callSid).hasSize(1);
            return List.of(
                    rows.get(0),
                    Database.column(db, "SELECT direction FROM calls WHERE sid = ?", callSid)
                            .get(0),
                    Database.column(db, "SELECT from_number FROM calls WHERE sid = ?", callSid)
                            .get(0),
                    Database.column(db, "SELECT to_number FROM calls WHERE sid = ?", callSid)
                            .get(0));
        }
    }

    private void addGreeting(String text) throws Exception {
        try (Connection db = Database.asRuntimeLogin()) {
            Database.beginAsTenant(db, tenant.id());
            Database.update(
                    db,
                    "INSERT INTO content (tenant_id, id, title, type, body) VALUES (?, ?, 'Greeting', 'greeting', ?)",
                    tenant.id(),
                    UUID.randomUUID(),
                    text);
            db.commit();
        }
    }
}
