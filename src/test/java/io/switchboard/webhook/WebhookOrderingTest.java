package io.switchboard.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testing.Database;
import io.switchboard.testing.SignedWebhook;
import io.switchboard.testing.TestTenants;
import io.switchboard.webhook.simulator.WebhookSimulator;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Twilio retries and reorders callbacks; the stored state still ends right, with one row each. */
@QuarkusTest
class WebhookOrderingTest {

    private TestTenants.Tenant tenant;
    private WebhookSimulator twilio;

    @BeforeEach
    void newTenant() {
        tenant = TestTenants.create();
        twilio = new WebhookSimulator(SignedWebhook.localBase(), null, tenant.accountSid(), tenant.authToken());
    }

    @Test
    void aLateRingingNeverUndoesCompleted() throws Exception {
        String callSid = WebhookSimulator.sid("CA");
        send("/webhooks/twilio/call-status", twilio.callStatus(callSid, "completed", 3, 61), 204);
        send("/webhooks/twilio/call-status", twilio.callStatus(callSid, "in-progress", 2, 0), 204);
        send("/webhooks/twilio/voice", twilio.voice(callSid, "+14155550111", "+18005550100"), 200);
        send("/webhooks/twilio/call-status", twilio.callStatus(callSid, "ringing", 1, 0), 204);
        try (Connection db = Database.asSuperuser()) {
            assertThat(Database.column(
                            db,
                            "SELECT status || '|' || duration_seconds || '|' || from_number FROM calls WHERE sid = ?",
                            callSid))
                    .containsExactly("completed|61|+14155550111");
        }
    }

    @Test
    void aRecordingBeforeItsCallIsLinkedWhenTheCallArrives() throws Exception {
        String callSid = WebhookSimulator.sid("CA");
        String recordingSid = WebhookSimulator.sid("RE");
        send("/webhooks/twilio/recording-status", twilio.recording(recordingSid, callSid, "completed", 30), 204);
        send("/webhooks/twilio/recording-status", twilio.recording(recordingSid, callSid, "in-progress", 0), 204);
        send("/webhooks/twilio/voice", twilio.voice(callSid, "+14155550111", "+18005550100"), 200);
        try (Connection db = Database.asSuperuser()) {
            assertThat(Database.column(
                            db,
                            "SELECT r.status FROM recordings r JOIN calls c ON c.id = r.call_id WHERE r.sid = ?",
                            recordingSid))
                    .containsExactly("completed");
        }
    }

    @Test
    void aRecordingStoredWithoutItsCallIsLinkedByTheCallsFirstWebhook() throws Exception {
        // The webhooks always create the call with its recording; a row like this comes from elsewhere
        // (an import, a restore of part of the data), and the call's arrival must still link it.
        String callSid = WebhookSimulator.sid("CA");
        String recordingSid = WebhookSimulator.sid("RE");
        try (Connection db = Database.asSuperuser()) {
            Database.update(
                    db,
                    "INSERT INTO recordings (tenant_id, id, sid, call_sid, status) VALUES (?, gen_random_uuid(), ?, ?, 'completed')",
                    tenant.id(),
                    recordingSid,
                    callSid);
        }
        send("/webhooks/twilio/voice", twilio.voice(callSid, "+14155550111", "+18005550100"), 200);
        try (Connection db = Database.asSuperuser()) {
            assertThat(Database.column(
                            db,
                            "SELECT c.sid FROM recordings r JOIN calls c ON c.id = r.call_id WHERE r.sid = ?",
                            recordingSid))
                    .containsExactly(callSid);
        }
    }

    @Test
    void shuffledConcurrentDuplicatesEndInTheHighestStatusWithOneRowEach() throws Exception {
        List<String> callSids = new ArrayList<>();
        List<Object[]> deliveries = new ArrayList<>();
        for (int call = 0; call < 15; call++) {
            String callSid = WebhookSimulator.sid("CA");
            callSids.add(callSid);
            String recordingSid = WebhookSimulator.sid("RE");
            List<Object[]> events = List.of(
                    new Object[] {"/webhooks/twilio/voice", twilio.voice(callSid, "+14155550111", "+18005550100")},
                    new Object[] {"/webhooks/twilio/call-status", twilio.callStatus(callSid, "ringing", 0, 0)},
                    new Object[] {"/webhooks/twilio/call-status", twilio.callStatus(callSid, "in-progress", 1, 0)},
                    new Object[] {"/webhooks/twilio/call-status", twilio.callStatus(callSid, "completed", 2, 30)},
                    new Object[] {
                        "/webhooks/twilio/recording-status", twilio.recording(recordingSid, callSid, "completed", 30)
                    });
            for (Object[] event : events) {
                deliveries.add(event);
                deliveries.add(event);
            }
        }
        Collections.shuffle(deliveries, new Random(42));
        ExecutorService senders = Executors.newFixedThreadPool(6);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (Object[] delivery : deliveries) {
                @SuppressWarnings("unchecked")
                Map<String, String> params = (Map<String, String>) delivery[1];
                answers.add(senders.submit(() -> SignedWebhook.post((String) delivery[0], params, tenant.authToken())
                        .statusCode()));
            }
            for (Future<Integer> answer : answers) {
                assertThat(answer.get()).isBetween(200, 204);
            }
        } finally {
            senders.shutdownNow();
        }
        try (Connection db = Database.asSuperuser()) {
            assertThat(Database.column(db, "SELECT count(*) FROM calls WHERE tenant_id = ?", tenant.id()))
                    .containsExactly(15L);
            assertThat(Database.column(db, "SELECT DISTINCT status FROM calls WHERE tenant_id = ?", tenant.id()))
                    .containsExactly("completed");
            assertThat(Database.column(
                            db,
                            "SELECT count(*) FROM recordings WHERE tenant_id = ? AND call_id IS NOT NULL",
                            tenant.id()))
                    .containsExactly(15L);
        }
    }

    private void send(String path, Map<String, String> params, int expectedStatus) {
        SignedWebhook.post(path, params, tenant.authToken()).then().statusCode(expectedStatus);
    }
}
