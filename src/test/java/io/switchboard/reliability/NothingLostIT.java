package io.switchboard.reliability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.devdb.EmbeddedPostgresServer;
import io.switchboard.testing.PackagedApp;
import io.switchboard.webhook.simulator.WebhookSimulator;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Many signed webhooks across several tenants, 10% duplicates, shuffled, from concurrent senders;
 * PostgreSQL is killed with SIGKILL in the middle and restarted. Senders retry what was not
 * answered 2xx, as Twilio does. Afterwards: one row per event, every call in its highest status,
 * and the service recovered without a restart, its readiness having reported the outage.
 *
 * <p>Short in CI ({@code switchboard.reliability.calls} calls per tenant, default 40); the long
 * version: {@code -Dswitchboard.reliability.calls=7000} (about 100,000 deliveries).
 */
class NothingLostIT {

    private static final int TENANTS = 3;
    private static final int CALLS_PER_TENANT = Integer.getInteger("switchboard.reliability.calls", 40);

    private record Delivery(WebhookSimulator sender, String path, Map<String, String> params) {}

    @Test
    void aHardDatabaseCrashLosesNoAnsweredWebhook() throws Exception {
        Map<String, String> database = EmbeddedPostgresServer.ensureStarted("it-data", true);
        try (PackagedApp app = PackagedApp.start(PackagedApp.productionEnvironment(database))) {
            assertThat(app.awaitReady(Duration.ofSeconds(60))).as(app.output()).isTrue();
            List<Delivery> deliveries = new ArrayList<>();
            List<String> tenantSids = new ArrayList<>();
            for (int t = 0; t < TENANTS; t++) {
                WebhookSimulator twilio = app.createTwilioTenant("Crash " + t);
                tenantSids.add(twilio.accountSid());
                for (int c = 0; c < CALLS_PER_TENANT; c++) {
                    String callSid = WebhookSimulator.sid("CA");
                    deliveries.add(new Delivery(
                            twilio, "/webhooks/twilio/voice", twilio.voice(callSid, "+14155550111", "+18005550100")));
                    deliveries.add(new Delivery(
                            twilio, "/webhooks/twilio/call-status", twilio.callStatus(callSid, "ringing", 0, 0)));
                    deliveries.add(new Delivery(
                            twilio, "/webhooks/twilio/call-status", twilio.callStatus(callSid, "in-progress", 1, 0)));
                    deliveries.add(new Delivery(
                            twilio, "/webhooks/twilio/call-status", twilio.callStatus(callSid, "completed", 2, 30)));
                    deliveries.add(new Delivery(
                            twilio,
                            "/webhooks/twilio/recording-status",
                            twilio.recording(WebhookSimulator.sid("RE"), callSid, "completed", 30)));
                }
            }
            Random random = new Random(42);
            int unique = deliveries.size();
            for (int i = 0; i < unique / 10; i++) {
                deliveries.add(deliveries.get(random.nextInt(unique)));
            }
            Collections.shuffle(deliveries, random);

            ConcurrentLinkedQueue<Delivery> pending = new ConcurrentLinkedQueue<>(deliveries);
            AtomicInteger answered = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            AtomicBoolean sawNotReady = new AtomicBoolean();
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
                            // Connection trouble: retried like any unanswered webhook.
                        }
                        refused.incrementAndGet();
                        pending.add(next);
                        Thread.sleep(50);
                    }
                    return null;
                }));
            }
            while (answered.get() < deliveries.size() / 3) {
                Thread.sleep(20);
            }
            EmbeddedPostgresServer.killHard();
            for (int i = 0; i < 10 && !sawNotReady.get(); i++) {
                sawNotReady.set(
                        given().get(app.managementUrl("/q/health/ready")).statusCode() == 503);
                Thread.sleep(100);
            }
            Thread.sleep(1000);
            EmbeddedPostgresServer.restart();
            for (Future<?> sender : running) {
                sender.get(Math.max(5, CALLS_PER_TENANT / 100), TimeUnit.MINUTES);
            }
            senders.shutdown();

            assertThat(sawNotReady).as("readiness reported the outage").isTrue();
            assertThat(app.awaitReady(Duration.ofSeconds(30)))
                    .as("readiness recovered")
                    .isTrue();
            assertThat(refused.get())
                    .as("some deliveries met the outage and were retried")
                    .isPositive();
            try (Connection db = DriverManager.getConnection(
                            System.getProperty(EmbeddedPostgresServer.SUPERUSER_URL_PROPERTY));
                    var counts = db.prepareStatement(
                            "SELECT count(*), count(DISTINCT c.sid), count(*) FILTER (WHERE c.status = 'completed'),"
                                    + " (SELECT count(*) FROM recordings r WHERE r.tenant_id = ANY (array_agg(DISTINCT c.tenant_id)) AND r.call_id IS NOT NULL)"
                                    + " FROM calls c JOIN tenants t ON t.id = c.tenant_id WHERE t.twilio_account_sid = ANY (?)")) {
                counts.setArray(1, db.createArrayOf("text", tenantSids.toArray()));
                try (var row = counts.executeQuery()) {
                    row.next();
                    int calls = TENANTS * CALLS_PER_TENANT;
                    assertThat(row.getLong(1)).as("call rows").isEqualTo(calls);
                    assertThat(row.getLong(2)).as("distinct call sids").isEqualTo(calls);
                    assertThat(row.getLong(3)).as("calls in their final status").isEqualTo(calls);
                    assertThat(row.getLong(4))
                            .as("recordings linked to their calls")
                            .isEqualTo(calls);
                }
            }
        }
    }
}
