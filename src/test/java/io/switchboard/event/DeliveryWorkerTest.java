package io.switchboard.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testing.Database;
import io.switchboard.testing.TestTenants;
import io.switchboard.testing.WebhookReceiver;
import io.switchboard.testing.WebhookReceiver.Answer;
import io.switchboard.testing.WebhookReceiver.Delivery;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The workers of several instances share the deliveries without sending one attempt twice; an
 * endpoint failing for days is disabled with the reason; a delivery is given up after its last
 * retry; old events are pruned.
 */
@QuarkusTest
class DeliveryWorkerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    DeliveryWorker worker;

    @Inject
    EventPruner pruner;

    @Test
    void threeInstancesDeliverEveryEventOnceEach() throws Exception {
        TestTenants.Tenant tenant = TestTenants.create();
        int events = 30;
        try (WebhookReceiver receiver = WebhookReceiver.start(Answer.status(200))) {
            // Three endpoints, so the one-attempt-per-endpoint rule still leaves work for everyone.
            for (String path : List.of("/a", "/b", "/c")) {
                Endpoints.create(tenant, receiver.url(path), List.of("call.logged"));
            }
            AtomicBoolean running = new AtomicBoolean(true);
            java.util.concurrent.atomic.AtomicInteger claimedByOthers = new java.util.concurrent.atomic.AtomicInteger();
            ExecutorService otherInstances = Executors.newFixedThreadPool(2);
            List<Future<?>> loops = new ArrayList<>();
            for (String instance : List.of("instance-b", "instance-c")) {
                loops.add(otherInstances.submit(() -> {
                    while (running.get()) {
                        int claimed = worker.claimAndSend(instance);
                        claimedByOthers.addAndGet(claimed);
                        if (claimed == 0) {
                            Thread.sleep(5);
                        }
                    }
                    return null;
                }));
            }
            for (int i = 0; i < events; i++) {
                tenant.asApp()
                        .body(Map.of("notes", "event " + i))
                        .post("/v1/calls")
                        .then()
                        .statusCode(201);
            }

            List<Delivery> received = receiver.await(events * 3, any -> true, WAIT);
            Thread.sleep(500);
            running.set(false);
            for (Future<?> loop : loops) {
                loop.get();
            }
            otherInstances.shutdown();

            assertThat(receiver.received())
                    .as("one request per event and endpoint")
                    .hasSize(events * 3);
            assertThat(received.stream().map(Delivery::id).distinct().count()).isEqualTo(events);
            assertThat(claimedByOthers.get())
                    .as("the other instances took part")
                    .isPositive();
            try (Connection db = Database.asSuperuser()) {
                assertThat(Database.column(
                                db,
                                "SELECT count(*) FILTER (WHERE state = 'succeeded' AND attempts = 1)"
                                        + " || '/' || count(*) FROM event_deliveries WHERE tenant_id = ?",
                                tenant.id()))
                        .containsExactly((events * 3) + "/" + (events * 3));
                assertThat(Database.column(
                                db, "SELECT count(*) FROM delivery_attempts WHERE tenant_id = ?", tenant.id()))
                        .containsExactly((long) events * 3);
            }
        }
    }

    @Test
    void anEndpointFailingForDaysIsDisabledWithTheReasonAndItsPendingDeliveriesEnd() throws Exception {
        TestTenants.Tenant tenant = TestTenants.create();
        try (WebhookReceiver receiver = WebhookReceiver.start(Answer.status(503))) {
            Endpoints.create(tenant, receiver.url("/down"), List.of("call.logged"));
            String endpointId = Endpoints.idOf(tenant, receiver.url("/down"));
            try (Connection db = Database.asSuperuser()) {
                Database.update(
                        db,
                        "UPDATE webhook_endpoints SET failing_since = now() - interval '6 days' WHERE id = ?",
                        UUID.fromString(endpointId));
            }
            tenant.asApp()
                    .body(Map.of("notes", "one more"))
                    .post("/v1/calls")
                    .then()
                    .statusCode(201);
            receiver.await(1, any -> true, WAIT);

            String reason = awaitDisabled(tenant, endpointId);

            assertThat(reason).contains("failed since").contains("HTTP 503");
            try (Connection db = Database.asSuperuser()) {
                assertThat(Database.column(
                                db,
                                "SELECT DISTINCT state FROM event_deliveries WHERE endpoint_id = ?",
                                UUID.fromString(endpointId)))
                        .containsExactly("failed");
            }
            // No more events are recorded for a disabled endpoint; re-enabling starts a new streak.
            tenant.asApp()
                    .contentType("application/merge-patch+json")
                    .body(Map.of("enabled", true))
                    .patch("/v1/webhook-endpoints/" + endpointId)
                    .then()
                    .statusCode(200)
                    .body("disabledReason", org.hamcrest.Matchers.nullValue());
        }
    }

    @Test
    void aDeliveryIsGivenUpAfterItsLastRetry() throws Exception {
        TestTenants.Tenant tenant = TestTenants.create();
        try (WebhookReceiver receiver = WebhookReceiver.start(Answer.status(500))) {
            Endpoints.create(tenant, receiver.url("/last"), List.of("call.logged"));
            tenant.asApp()
                    .body(Map.of("notes", "last try"))
                    .post("/v1/calls")
                    .then()
                    .statusCode(201);
            String eventId = receiver.await(1, any -> true, WAIT).get(0).id();
            EventRetryTest.awaitAttempts(tenant, eventId, 1);
            // As if the seven retries had been made over the past day: the next attempt is the last.
            try (Connection db = Database.asSuperuser()) {
                Database.update(
                        db,
                        "UPDATE event_deliveries SET attempts = ?, next_attempt_at = now() WHERE event_id = ?",
                        RetrySchedule.MAX_ATTEMPTS - 1,
                        UUID.fromString(eventId));
            }

            var delivery = EventRetryTest.awaitDeliveryState(tenant, eventId, "failed");

            assertThat(delivery.getString("data[0].nextAttemptAt")).isNull();
            assertThat(delivery.getString("data[0].finishedAt")).isNotNull();
        }
    }

    @Test
    void eventsOlderThanTheRetentionArePrunedWithTheirDeliveries() throws Exception {
        TestTenants.Tenant tenant = TestTenants.create();
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            Endpoints.create(tenant, receiver.url("/old"), List.of("call.logged"));
            tenant.asApp().body(Map.of("notes", "old")).post("/v1/calls").then().statusCode(201);
            String eventId = receiver.await(1, any -> true, WAIT).get(0).id();
            EventRetryTest.awaitDeliveryState(tenant, eventId, "succeeded");
            try (Connection db = Database.asSuperuser()) {
                Database.update(
                        db,
                        "UPDATE events SET created_at = now() - interval '31 days' WHERE id = ?",
                        UUID.fromString(eventId));
            }

            assertThat(pruner.prune(Instant.now().minus(Duration.ofDays(30)))).isGreaterThanOrEqualTo(1);

            tenant.asApp().get("/v1/events/" + eventId).then().statusCode(404);
            try (Connection db = Database.asSuperuser()) {
                assertThat(Database.column(
                                db,
                                "SELECT count(*) FROM event_deliveries WHERE event_id = ?",
                                UUID.fromString(eventId)))
                        .containsExactly(0L);
            }
        }
    }

    private static String awaitDisabled(TestTenants.Tenant tenant, String endpointId) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            var endpoint = tenant.asApp()
                    .get("/v1/webhook-endpoints/" + endpointId)
                    .then()
                    .statusCode(200)
                    .extract();
            if (!(Boolean) endpoint.path("enabled")) {
                return endpoint.path("disabledReason");
            }
            Thread.sleep(50);
        }
        throw new AssertionError("The endpoint was not disabled");
    }
}
