package io.switchboard.reliability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.devdb.EmbeddedPostgresServer;
import io.switchboard.testing.FakeTwilio;
import io.switchboard.testing.FakeTwilioAccounts;
import io.switchboard.testing.PackagedApp;
import io.switchboard.webhook.simulator.WebhookSimulator;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Many signed webhooks across several tenants, 10% duplicates, shuffled, from concurrent senders;
 * PostgreSQL is killed with SIGKILL in the middle and restarted. Then: one row per call and
 * recording, every call in its final status, the service recovered without a restart.
 *
 * <p>Twice: once with senders that retry what was not answered 2xx (Twilio with the connection
 * overrides Switchboard asks for), once with senders that never retry (Twilio's default for status
 * callbacks), where one reconciliation against Twilio's REST API (a local fake knowing every call)
 * must recover what the outage lost.
 *
 * <p>Short in CI ({@code switchboard.reliability.calls} calls per tenant, default 40); the long
 * version: {@code -Dswitchboard.reliability.calls=7000} (about 100,000 deliveries).
 */
class NothingLostIT {

    private static final int TENANTS = 3;
    private static final int CALLS_PER_TENANT = Integer.getInteger("switchboard.reliability.calls", 40);

    private record Delivery(WebhookSimulator sender, String path, Map<String, String> params) {}

    private record Outage(int answered, int refused, boolean sawNotReady) {}

    @Test
    void aHardDatabaseCrashLosesNoWebhookTwilioRetries() throws Exception {
        Map<String, String> database = EmbeddedPostgresServer.ensureStarted("it-data", true);
        try (PackagedApp app = PackagedApp.start(PackagedApp.productionEnvironment(database))) {
            assertThat(app.awaitReady(Duration.ofSeconds(60))).as(app.output()).isTrue();
            List<String> accounts = new ArrayList<>();
            List<Delivery> deliveries = new ArrayList<>();
            for (int t = 0; t < TENANTS; t++) {
                WebhookSimulator twilio = app.createTwilioTenant("Crash " + t);
                accounts.add(twilio.accountSid());
                deliveries.addAll(callsOf(twilio, null));
            }

            Outage outage = sendThroughACrash(app, shuffledWithDuplicates(deliveries), true);

            assertThat(outage.sawNotReady()).as("readiness reported the outage").isTrue();
            assertThat(app.awaitReady(Duration.ofSeconds(30)))
                    .as("readiness recovered")
                    .isTrue();
            assertThat(outage.refused())
                    .as("some deliveries met the outage and were retried")
                    .isPositive();
            assertEveryCallOnceCompletedWithItsRecording(accounts);
        }
    }

    @Test
    void withoutRetriesOneReconciliationRecoversWhatTheCrashLost() throws Exception {
        FakeTwilio twilioApi = new FakeTwilio();
        Map<String, String> api = twilioApi.start();
        Map<String, String> database = EmbeddedPostgresServer.ensureStarted("it-data", true);
        Map<String, String> environment = PackagedApp.productionEnvironment(database);
        environment.put("SWITCHBOARD_TWILIO_API_BASE_URL", api.get("switchboard.twilio.api-base-url"));
        // No schedule: the one reconciliation is the operator's request below. Small pages, so it pages.
        environment.put("SWITCHBOARD_RECONCILE_EVERY", "off");
        environment.put("SWITCHBOARD_RECONCILE_PAGE_SIZE", "7");
        try (PackagedApp app = PackagedApp.start(environment)) {
            assertThat(app.awaitReady(Duration.ofSeconds(60))).as(app.output()).isTrue();
            List<String> accounts = new ArrayList<>();
            List<PackagedApp.TwilioTenant> tenants = new ArrayList<>();
            List<Delivery> deliveries = new ArrayList<>();
            for (int t = 0; t < TENANTS; t++) {
                PackagedApp.TwilioTenant tenant = app.createTenant("No retries " + t);
                tenants.add(tenant);
                accounts.add(tenant.twilio().accountSid());
                deliveries.addAll(callsOf(tenant.twilio(), Instant.now().minusSeconds(600)));
            }

            Outage outage = sendThroughACrash(app, shuffledWithDuplicates(deliveries), false);
            assertThat(outage.refused())
                    .as("deliveries lost to the outage, never retried")
                    .isPositive();
            assertThat(app.awaitReady(Duration.ofSeconds(30)))
                    .as("readiness recovered")
                    .isTrue();

            for (PackagedApp.TwilioTenant tenant : tenants) {
                given().auth()
                        .oauth2(PackagedApp.OPERATOR_TOKEN)
                        .post(app.url("/admin/v1/tenants/" + tenant.id() + "/reconcile"))
                        .then()
                        .statusCode(202);
            }
            for (PackagedApp.TwilioTenant tenant : tenants) {
                awaitReconciled(app, tenant);
            }
            assertEveryCallOnceCompletedWithItsRecording(accounts);
        } finally {
            twilioApi.stop();
        }
    }

    /**
     * Each call's webhooks (voice, ringing, in progress, completed, recording); with {@code started},
     * Twilio's REST API also knows the call and its recording as they ended.
     */
    private static List<Delivery> callsOf(WebhookSimulator twilio, Instant started) {
        List<Delivery> deliveries = new ArrayList<>();
        for (int c = 0; c < CALLS_PER_TENANT; c++) {
            String callSid = WebhookSimulator.sid("CA");
            String recordingSid = WebhookSimulator.sid("RE");
            deliveries.add(new Delivery(
                    twilio, "/webhooks/twilio/voice", twilio.voice(callSid, "+14155550111", "+18005550100")));
            deliveries.add(
                    new Delivery(twilio, "/webhooks/twilio/call-status", twilio.callStatus(callSid, "ringing", 0, 0)));
            deliveries.add(new Delivery(
                    twilio, "/webhooks/twilio/call-status", twilio.callStatus(callSid, "in-progress", 1, 0)));
            deliveries.add(new Delivery(
                    twilio, "/webhooks/twilio/call-status", twilio.callStatus(callSid, "completed", 2, 30)));
            deliveries.add(new Delivery(
                    twilio,
                    "/webhooks/twilio/recording-status",
                    twilio.recording(recordingSid, callSid, "completed", 30)));
            if (started != null) {
                Instant start = started.plusSeconds(c);
                FakeTwilioAccounts.call(
                        twilio.accountSid(),
                        new FakeTwilioAccounts.Call(
                                callSid,
                                "+14155550111",
                                "+18005550100",
                                "inbound",
                                "completed",
                                30,
                                start,
                                start.plusSeconds(30)));
                FakeTwilioAccounts.recording(
                        twilio.accountSid(),
                        new FakeTwilioAccounts.Recording(recordingSid, callSid, "completed", 30, start.plusSeconds(1)));
            }
        }
        return deliveries;
    }

    private static List<Delivery> shuffledWithDuplicates(List<Delivery> deliveries) {
        Random random = new Random(42);
        List<Delivery> all = new ArrayList<>(deliveries);
        for (int i = 0; i < deliveries.size() / 10; i++) {
            all.add(deliveries.get(random.nextInt(deliveries.size())));
        }
        Collections.shuffle(all, random);
        return all;
    }

    /**
     * Four senders; once a third is answered, the postmaster is killed (SIGKILL) and restarted a
     * second later. A delivery not answered 2xx is sent again when {@code retry}, else dropped.
     * Any answer but 2xx or 503 fails the test.
     */
    private static Outage sendThroughACrash(PackagedApp app, List<Delivery> deliveries, boolean retry)
            throws Exception {
        ConcurrentLinkedQueue<Delivery> pending = new ConcurrentLinkedQueue<>(deliveries);
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        ExecutorService senders = Executors.newFixedThreadPool(4);
        List<Future<?>> running = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            running.add(senders.submit(() -> {
                Delivery next;
                while ((next = pending.poll()) != null) {
                    try {
                        HttpResponse<String> answer = next.sender().send(next.path(), next.params());
                        if (answer.statusCode() / 100 == 2) {
                            answered.incrementAndGet();
                            continue;
                        }
                        if (answer.statusCode() != 503) {
                            String log = app.output();
                            assertThat(answer.statusCode())
                                    .as("%s%n%s", answer.body(), log.substring(Math.max(0, log.length() - 6000)))
                                    .isEqualTo(503);
                        }
                    } catch (IOException e) {
                        // Connection trouble: like any unanswered webhook.
                    }
                    refused.incrementAndGet();
                    if (retry) {
                        pending.add(next);
                    }
                    Thread.sleep(50);
                }
                return null;
            }));
        }
        while (answered.get() < deliveries.size() / 3) {
            Thread.sleep(20);
        }
        EmbeddedPostgresServer.killHard();
        boolean sawNotReady = false;
        for (int i = 0; i < 10 && !sawNotReady; i++) {
            sawNotReady = given().get(app.managementUrl("/q/health/ready")).statusCode() == 503;
            Thread.sleep(100);
        }
        Thread.sleep(1000);
        EmbeddedPostgresServer.restart();
        for (Future<?> sender : running) {
            sender.get(Math.max(5, CALLS_PER_TENANT / 100), TimeUnit.MINUTES);
        }
        senders.shutdown();
        return new Outage(answered.get(), refused.get(), sawNotReady);
    }

    private static void awaitReconciled(PackagedApp app, PackagedApp.TwilioTenant tenant) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(Math.max(2, CALLS_PER_TENANT / 200));
        while (System.nanoTime() < deadline) {
            var sync = given().auth()
                    .oauth2(PackagedApp.OPERATOR_TOKEN)
                    .get(app.url("/admin/v1/tenants/" + tenant.id() + "/sync"))
                    .then()
                    .statusCode(200)
                    .extract();
            assertThat((String) sync.path("lastError"))
                    .as("reconciliation error")
                    .isNull();
            if (sync.path("lastSucceededAt") != null) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("Tenant " + tenant.id() + " was not reconciled in time:\n" + app.output());
    }

    private static void assertEveryCallOnceCompletedWithItsRecording(List<String> accounts) throws Exception {
        try (Connection db =
                        DriverManager.getConnection(System.getProperty(EmbeddedPostgresServer.SUPERUSER_URL_PROPERTY));
                var counts = db.prepareStatement(
                        "SELECT count(*), count(DISTINCT c.sid), count(*) FILTER (WHERE c.status = 'completed'),"
                                + " (SELECT count(*) FROM recordings r WHERE r.tenant_id = ANY (array_agg(DISTINCT c.tenant_id)) AND r.call_id IS NOT NULL),"
                                + " (SELECT count(*) FROM recordings r WHERE r.tenant_id = ANY (array_agg(DISTINCT c.tenant_id)))"
                                + " FROM calls c JOIN tenants t ON t.id = c.tenant_id WHERE t.twilio_account_sid = ANY (?)")) {
            counts.setArray(1, db.createArrayOf("text", accounts.toArray()));
            try (var row = counts.executeQuery()) {
                row.next();
                int calls = TENANTS * CALLS_PER_TENANT;
                assertThat(row.getLong(1)).as("call rows").isEqualTo(calls);
                assertThat(row.getLong(2)).as("distinct call sids").isEqualTo(calls);
                assertThat(row.getLong(3)).as("calls in their final status").isEqualTo(calls);
                assertThat(row.getLong(4))
                        .as("recordings linked to their calls")
                        .isEqualTo(calls);
                assertThat(row.getLong(5)).as("recording rows").isEqualTo(calls);
            }
        }
    }
}
