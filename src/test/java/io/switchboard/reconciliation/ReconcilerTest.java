package io.switchboard.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.reconciliation.Reconciler.Outcome;
import io.switchboard.testing.Database;
import io.switchboard.testing.FakeTwilio;
import io.switchboard.testing.FakeTwilioAccounts;
import io.switchboard.testing.FakeTwilioAccounts.Call;
import io.switchboard.testing.FakeTwilioAccounts.Message;
import io.switchboard.testing.FakeTwilioAccounts.Recording;
import io.switchboard.testing.SignedWebhook;
import io.switchboard.testing.TestTenants;
import io.switchboard.webhook.simulator.WebhookSimulator;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What reconciliation recovers from Twilio's REST API (a local fake serving Twilio's JSON, two
 * records a page in tests): records no webhook delivered, statuses a lost callback never brought,
 * never a status moved backwards, nothing written twice.
 */
@QuarkusTest
@WithTestResource(value = FakeTwilio.class, scope = TestResourceScope.GLOBAL)
class ReconcilerTest {

    @Inject
    Reconciler reconciler;

    private TestTenants.Tenant tenant;
    private Instant now;

    @BeforeEach
    void newTenant() {
        tenant = TestTenants.create();
        now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    @Test
    void callsRecordingsAndMessagesNoWebhookDeliveredAppearAuditedAsTheReconciler() throws Exception {
        String first = WebhookSimulator.sid("CA");
        String second = WebhookSimulator.sid("CA");
        String third = WebhookSimulator.sid("CA");
        for (String sid : List.of(first, second, third)) {
            FakeTwilioAccounts.call(tenant.accountSid(), completedCall(sid, now.minusSeconds(600)));
        }
        String recordingSid = WebhookSimulator.sid("RE");
        FakeTwilioAccounts.recording(
                tenant.accountSid(), new Recording(recordingSid, first, "completed", 30, now.minusSeconds(590)));
        String inbound = WebhookSimulator.sid("SM");
        String outbound = WebhookSimulator.sid("SM");
        FakeTwilioAccounts.message(
                tenant.accountSid(),
                new Message(
                        inbound, "+14155550111", "+14155550100", "Hi", "inbound", "received", now.minusSeconds(300)));
        FakeTwilioAccounts.message(
                tenant.accountSid(),
                new Message(
                        outbound,
                        "+14155550100",
                        "+14155550111",
                        "Hello",
                        "outbound-api",
                        "delivered",
                        now.minusSeconds(200)));

        assertThat(reconciler.reconcile(tenant.id()).outcome()).isEqualTo(Outcome.COMPLETED);

        try (Connection db = Database.asSuperuser()) {
            assertThat(Database.column(
                            db,
                            "SELECT status || ' ' || duration_seconds || ' ' || direction FROM calls"
                                    + " WHERE tenant_id = ? ORDER BY sid",
                            tenant.id()))
                    .hasSize(3)
                    .allMatch(row -> row.equals("completed 42 inbound"));
            assertThat(Database.column(
                            db,
                            "SELECT r.status || ' ' || (r.call_id = c.id) FROM recordings r JOIN calls c"
                                    + " ON c.tenant_id = r.tenant_id AND c.sid = ? WHERE r.sid = ?",
                            first,
                            recordingSid))
                    .containsExactly("completed true");
            assertThat(Database.column(
                            db,
                            "SELECT sid || ' ' || direction || ' ' || status FROM messages WHERE tenant_id = ? ORDER BY sid",
                            tenant.id()))
                    .containsExactlyInAnyOrder(inbound + " inbound received", outbound + " outbound-api delivered");
            assertThat(Database.column(
                            db,
                            "SELECT DISTINCT actor_kind FROM audit_logs WHERE tenant_id = ?"
                                    + " AND table_name IN ('calls', 'recordings', 'messages')",
                            tenant.id()))
                    .containsExactly("reconciler");
        }
        assertThat(counts()).containsExactly(3, 0, 1, 0, 2, 0);
    }

    @Test
    void aLateStatusIsCompletedAndALocalCompletedIsNeverMovedBack() throws Exception {
        WebhookSimulator twilio =
                new WebhookSimulator(SignedWebhook.localBase(), null, tenant.accountSid(), tenant.authToken());
        String ringing = WebhookSimulator.sid("CA");
        String finished = WebhookSimulator.sid("CA");
        SignedWebhook.post(
                        "/webhooks/twilio/voice",
                        twilio.voice(ringing, "+14155550111", "+14155550100"),
                        tenant.authToken())
                .then()
                .statusCode(200);
        SignedWebhook.post(
                        "/webhooks/twilio/call-status",
                        twilio.callStatus(finished, "completed", 3, 42),
                        tenant.authToken())
                .then()
                .statusCode(204);
        // Twilio knows the first call ended (its callback was lost); its list still shows the second
        // one in progress (a list can lag behind the callbacks).
        FakeTwilioAccounts.call(tenant.accountSid(), completedCall(ringing, now.minusSeconds(120)));
        FakeTwilioAccounts.call(
                tenant.accountSid(),
                new Call(
                        finished,
                        "+14155550111",
                        "+14155550100",
                        "inbound",
                        "in-progress",
                        null,
                        now.minusSeconds(60),
                        null));

        assertThat(reconciler.reconcile(tenant.id()).outcome()).isEqualTo(Outcome.COMPLETED);

        try (Connection db = Database.asSuperuser()) {
            assertThat(Database.column(db, "SELECT status FROM calls WHERE sid = ?", ringing))
                    .containsExactly("completed");
            assertThat(Database.column(db, "SELECT duration_seconds FROM calls WHERE sid = ?", ringing))
                    .containsExactly(42);
            assertThat(Database.column(db, "SELECT status FROM calls WHERE sid = ?", finished))
                    .containsExactly("completed");
        }
        assertThat(counts()).containsExactly(0, 2, 0, 0, 0, 0);
    }

    @Test
    void aSecondRunCreatesAndChangesNothing() throws Exception {
        FakeTwilioAccounts.call(tenant.accountSid(), completedCall(WebhookSimulator.sid("CA"), now.minusSeconds(60)));
        FakeTwilioAccounts.message(
                tenant.accountSid(),
                new Message(
                        WebhookSimulator.sid("SM"),
                        "+1415",
                        "+1416",
                        "Hi",
                        "inbound",
                        "received",
                        now.minusSeconds(30)));
        assertThat(reconciler.reconcile(tenant.id()).outcome()).isEqualTo(Outcome.COMPLETED);
        long auditRows = auditRows();

        assertThat(reconciler.reconcile(tenant.id()).outcome()).isEqualTo(Outcome.COMPLETED);

        assertThat(counts()).containsExactly(0, 0, 0, 0, 0, 0);
        assertThat(auditRows()).isEqualTo(auditRows);
    }

    @Test
    void anAccountBiggerThanOneRunIsReadOnInTheNextRunFromWhereItStopped() throws Exception {
        // 8 requests a run, 2 records a page: 20 calls take 10 pages.
        for (int i = 0; i < 20; i++) {
            FakeTwilioAccounts.call(
                    tenant.accountSid(), completedCall(WebhookSimulator.sid("CA"), now.minusSeconds(1000 - i)));
        }
        assertThat(reconciler.reconcile(tenant.id()).outcome()).isEqualTo(Outcome.PARTIAL);
        assertThat(counts().get(0)).isEqualTo(16);
        int requestsBefore = FakeTwilio.receivedFor(tenant.accountSid()).size();

        assertThat(reconciler.reconcile(tenant.id()).outcome()).isEqualTo(Outcome.COMPLETED);

        assertThat(counts().get(0)).as("calls created by the second run").isEqualTo(4);
        assertThat(FakeTwilio.receivedFor(tenant.accountSid()).size() - requestsBefore)
                .as("the second run carried on at page 9: two pages of calls, one of recordings, one of messages")
                .isEqualTo(4);
        try (Connection db = Database.asSuperuser()) {
            assertThat(Database.column(
                            db,
                            "SELECT count(*) || ' ' || count(DISTINCT sid) FROM calls WHERE tenant_id = ?",
                            tenant.id()))
                    .containsExactly("20 20");
        }
    }

    @Test
    void aCallStillOpenHoldsTheWatermarkBackSoItsEndIsReadLater() throws Exception {
        String longCall = WebhookSimulator.sid("CA");
        Instant started = now.minus(Duration.ofHours(2));
        FakeTwilioAccounts.call(
                tenant.accountSid(),
                new Call(longCall, "+14155550111", "+14155550100", "inbound", "in-progress", null, started, null));
        assertThat(reconciler.reconcile(tenant.id()).outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(watermark()).isEqualTo(started);

        FakeTwilioAccounts.call(tenant.accountSid(), completedCall(longCall, started));
        assertThat(reconciler.reconcile(tenant.id()).outcome()).isEqualTo(Outcome.COMPLETED);

        try (Connection db = Database.asSuperuser()) {
            assertThat(Database.column(db, "SELECT status FROM calls WHERE sid = ?", longCall))
                    .containsExactly("completed");
        }
        assertThat(watermark()).isAfter(now.minusSeconds(5));
    }

    private Call completedCall(String sid, Instant started) {
        return new Call(
                sid, "+14155550111", "+14155550100", "inbound", "completed", 42, started, started.plusSeconds(42));
    }

    /** The last run's rows: calls, recordings, messages, each created then updated. */
    private List<Object> counts() throws Exception {
        try (Connection db = Database.asSuperuser()) {
            Object[] row = Database.column(
                            db,
                            "SELECT ARRAY[calls_created, calls_updated, recordings_created, recordings_updated,"
                                    + " messages_created, messages_updated] FROM tenant_sync WHERE tenant_id = ?",
                            tenant.id())
                    .stream()
                    .map(array -> {
                        try {
                            return (Object[]) ((java.sql.Array) array).getArray();
                        } catch (java.sql.SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .findFirst()
                    .orElseThrow();
            return List.of(row);
        }
    }

    private Instant watermark() throws Exception {
        try (Connection db = Database.asSuperuser()) {
            return ((java.sql.Timestamp)
                            Database.column(db, "SELECT watermark FROM tenant_sync WHERE tenant_id = ?", tenant.id())
                                    .get(0))
                    .toInstant();
        }
    }

    private long auditRows() throws Exception {
        try (Connection db = Database.asSuperuser()) {
            return (Long) Database.column(db, "SELECT count(*) FROM audit_logs WHERE tenant_id = ?", tenant.id())
                    .get(0);
        }
    }
}
