package io.switchboard.webhook;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.devdb.EmbeddedPostgresServer;
import io.switchboard.testing.Database;
import io.switchboard.testing.PackagedApp;
import io.switchboard.webhook.simulator.WebhookSimulator;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged service while its database is down: webhooks get 503 (never a 2xx without a
 * commit), readiness reports the outage, and both recover by themselves when the database is back;
 * a restart leaves no dead pooled connection behind to fail a later webhook.
 */
class DatabaseOutageIT {

    @Test
    void webhooksGet503DuringAnOutageAndSucceedAfterIt() throws Exception {
        Map<String, String> database = EmbeddedPostgresServer.ensureStarted("it-data", true);
        try (PackagedApp app = PackagedApp.start(PackagedApp.productionEnvironment(database))) {
            assertThat(app.awaitReady(Duration.ofSeconds(60))).as(app.output()).isTrue();
            WebhookSimulator twilio = app.createTwilioTenant("Outage Co");
            String callSid = WebhookSimulator.sid("CA");
            Map<String, String> voice = twilio.voice(callSid, "+14155550111", "+18005550100");

            EmbeddedPostgresServer.stop();
            try {
                HttpResponse<String> during = twilio.send("/webhooks/twilio/voice", voice);
                assertThat(during.statusCode()).as(during.body()).isEqualTo(503);
                assertThat(during.headers().firstValue("Retry-After")).isPresent();
                given().get(app.managementUrl("/q/health/ready")).then().statusCode(503);
            } finally {
                EmbeddedPostgresServer.restart();
            }

            // The failed request swept the pool's dead connections: the next one is served at once.
            HttpResponse<String> after = twilio.send("/webhooks/twilio/voice", voice);
            assertThat(after.statusCode()).as(after.body()).isEqualTo(200);
            assertThat(app.awaitReady(Duration.ofSeconds(30)))
                    .as("readiness recovers; output:%n%s", app.output())
                    .isTrue();
            assertThat(callsWithSid(callSid)).isEqualTo(1L);
        }
    }

    @Test
    void aRestartNobodyNoticedLeavesNoDeadConnectionsToFailLaterWebhooks() throws Exception {
        Map<String, String> database = EmbeddedPostgresServer.ensureStarted("it-data", true);
        try (PackagedApp app = PackagedApp.start(PackagedApp.productionEnvironment(database))) {
            assertThat(app.awaitReady(Duration.ofSeconds(60))).as(app.output()).isTrue();
            WebhookSimulator twilio = restartWithAFullPool(app, "Restart Co");
            // Idle connections are validated before use.
            Thread.sleep(IDLE_LONGER_THAN_VALIDATION_INTERVAL.toMillis());

            assertEveryWebhookServed(twilio);
        }
    }

    @Test
    void oneRequestFailingOnADeadConnectionSweepsThePoolOfTheOthers() throws Exception {
        Map<String, String> database = EmbeddedPostgresServer.ensureStarted("it-data", true);
        Map<String, String> environment = new HashMap<>(PackagedApp.productionEnvironment(database));
        // Validation before use off, so that only the sweep can clear the pool.
        environment.put("QUARKUS_DATASOURCE_JDBC_FOREGROUND_VALIDATION_INTERVAL", "1H");
        try (PackagedApp app = PackagedApp.start(environment)) {
            assertThat(app.awaitReady(Duration.ofSeconds(60))).as(app.output()).isTrue();
            WebhookSimulator twilio = restartWithAFullPool(app, "Sweep Co");
            HttpResponse<String> first = twilio.send(
                    "/webhooks/twilio/voice", twilio.voice(WebhookSimulator.sid("CA"), "+14155550111", "+18005550100"));
            assertThat(first.statusCode()).as(first.body()).isIn(200, 503);
            Thread.sleep(SWEEP_SETTLES.toMillis());

            assertEveryWebhookServed(twilio);
        }
    }

    /** Several calls at once fill the pool with connections, which a database restart then kills. */
    private static WebhookSimulator restartWithAFullPool(PackagedApp app, String tenantName) throws Exception {
        WebhookSimulator twilio = app.createTwilioTenant(tenantName);
        assertThat(sendConcurrently(twilio, POOL_FILLERS)).containsOnly(200);
        EmbeddedPostgresServer.stop();
        EmbeddedPostgresServer.restart();
        return twilio;
    }

    private static void assertEveryWebhookServed(WebhookSimulator twilio) throws Exception {
        for (int i = 0; i < POOL_FILLERS; i++) {
            String callSid = WebhookSimulator.sid("CA");
            HttpResponse<String> answer =
                    twilio.send("/webhooks/twilio/voice", twilio.voice(callSid, "+14155550111", "+18005550100"));
            assertThat(answer.statusCode())
                    .as("webhook %d after the restart: %s", i, answer.body())
                    .isEqualTo(200);
            assertThat(callsWithSid(callSid)).isEqualTo(1L);
        }
    }

    private static final int POOL_FILLERS = 8;
    /** quarkus.datasource.jdbc.foreground-validation-interval is 2 s. */
    private static final Duration IDLE_LONGER_THAN_VALIDATION_INTERVAL = Duration.ofMillis(2500);
    /** The sweep validates the idle connections on the pool's own thread, after the failed request. */
    private static final Duration SWEEP_SETTLES = Duration.ofSeconds(1);

    private static List<Integer> sendConcurrently(WebhookSimulator twilio, int count) throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(count);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                answers.add(senders.submit(() -> twilio.send(
                                "/webhooks/twilio/voice",
                                twilio.voice(WebhookSimulator.sid("CA"), "+14155550111", "+18005550100"))
                        .statusCode()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(30, TimeUnit.SECONDS));
            }
            return statuses;
        } finally {
            senders.shutdownNow();
        }
    }

    private static Object callsWithSid(String callSid) throws Exception {
        try (Connection db = Database.asSuperuser()) {
            return Database.column(db, "SELECT count(*) FROM calls WHERE sid = ?", callSid)
                    .get(0);
        }
    }
}
